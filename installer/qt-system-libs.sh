#!/bin/sh
# Qt 6's desktop window on Linux (the xcb platform plugin) needs system libraries that
# a fresh Debian or Ubuntu lacks, and without them the program stops with "Could not
# load the Qt platform plugin xcb". python-ldap (the LDAP sync) has no wheel: pip
# builds it against libldap and libsasl with a C compiler and Python's headers.
# `make run` calls this before installing anything: it checks the libraries with
# ldconfig and the build's files; as root with apt it installs the missing packages,
# otherwise it stops with the exact command to run.
set -u

[ "$(uname -s)" = Linux ] || exit 0
command -v ldconfig >/dev/null 2>&1 || PATH="$PATH:/sbin:/usr/sbin"
command -v ldconfig >/dev/null 2>&1 || exit 0  # no way to check; Qt will say what is missing

# soname -> Debian/Ubuntu package: what PySide6's libqxcb.so, libQt6XcbQpa, QtGui and
# QtWidgets load (readelf -d, NEEDED), and xinerama, which the plugin opens when present.
LIBS="
libxcb-cursor.so.0 libxcb-cursor0
libxcb-icccm.so.4 libxcb-icccm4
libxcb-image.so.0 libxcb-image0
libxcb-keysyms.so.1 libxcb-keysyms1
libxcb-randr.so.0 libxcb-randr0
libxcb-render-util.so.0 libxcb-render-util0
libxcb-render.so.0 libxcb-render0
libxcb-shape.so.0 libxcb-shape0
libxcb-shm.so.0 libxcb-shm0
libxcb-sync.so.1 libxcb-sync1
libxcb-util.so.1 libxcb-util1
libxcb-xfixes.so.0 libxcb-xfixes0
libxcb-xinerama.so.0 libxcb-xinerama0
libxcb-xkb.so.1 libxcb-xkb1
libxcb.so.1 libxcb1
libX11-xcb.so.1 libx11-xcb1
libX11.so.6 libx11-6
libxkbcommon-x11.so.0 libxkbcommon-x11-0
libxkbcommon.so.0 libxkbcommon0
libEGL.so.1 libegl1
libGL.so.1 libgl1
libfontconfig.so.1 libfontconfig1
libfreetype.so.6 libfreetype6
libdbus-1.so.3 libdbus-1-3
libglib-2.0.so.0 libglib2.0-0
"

known=$(ldconfig -p 2>/dev/null)
missing_libs=""
missing_packages=""
while read -r soname package; do
  [ -n "$soname" ] || continue
  if ! printf '%s\n' "$known" | grep -q "^[[:space:]]*$soname "; then
    missing_libs="$missing_libs $soname"
    case " $missing_packages " in
      *" $package "*) ;;
      *) missing_packages="$missing_packages $package" ;;
    esac
  fi
done <<EOT
$LIBS
EOT

# What building python-ldap needs: file or command -> package.
need_package() {
  case " $missing_packages " in
    *" $1 "*) ;;
    *) missing_packages="$missing_packages $1"; missing_libs="$missing_libs $2" ;;
  esac
}
[ -e /usr/include/ldap.h ] || need_package libldap2-dev ldap.h
[ -e /usr/include/sasl/sasl.h ] || need_package libsasl2-dev sasl/sasl.h
command -v gcc >/dev/null 2>&1 || need_package gcc gcc
python_h=$(${PYTHON:-python3} -c 'import sysconfig; print(sysconfig.get_paths()["include"])' 2>/dev/null)/Python.h
[ -e "$python_h" ] || need_package python3-dev Python.h

[ -n "$missing_packages" ] || exit 0
echo "schoolimport needs these system files (Qt's window, building python-ldap):$missing_libs"
if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing:$missing_packages"
    export DEBIAN_FRONTEND=noninteractive
    # shellcheck disable=SC2086  # one word per package
    apt-get install -y -q -o DPkg::Lock::Timeout=300 --no-install-recommends $missing_packages \
      || { apt-get update -q -o DPkg::Lock::Timeout=300 && apt-get install -y -q -o DPkg::Lock::Timeout=300 --no-install-recommends $missing_packages; } \
      || { echo "apt-get could not install them." >&2; exit 1; }
    exit 0
  fi
  echo "Please install them first, then run make run again:" >&2
  echo "" >&2
  echo "    sudo apt-get install$missing_packages" >&2
  echo "" >&2
  exit 1
fi
echo "Please install them with your system's package manager (Debian/Ubuntu names:$missing_packages)," >&2
echo "then run make run again." >&2
exit 1
