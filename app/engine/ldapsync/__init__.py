"""Provisioning to an LDAP server (issue 18): the directory stays the source of truth;
this package computes the difference between it and the LDAP tree and applies it.

``config`` (the stored connection), ``connection`` (binding, TLS, errors as reasons),
``layout`` (DNs, attributes, the owner mark, the disabled password form), ``desired``
(what the database says the tree should hold), ``remote`` (what the tree holds),
``diff`` (the plan), ``apply`` (pipelined operations and the sync state) and
``service`` (one sync from end to end). No Qt here.
"""
