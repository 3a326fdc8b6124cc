#!/bin/sh
# Install the Linux bundle (dist/schoolimport/, built by `make dist`) with its desktop
# entry and icon.
#
#   installer/linux/install.sh [--user | --prefix DIR] [--bundle DIR]
#
# --user (the default when not root): ~/.local/opt/schoolimport, ~/.local/bin,
#        ~/.local/share/applications, ~/.local/share/icons
# --prefix DIR (default /usr/local as root): DIR/lib/schoolimport, DIR/bin,
#        DIR/share/applications, DIR/share/icons
# Uninstall: the same with --uninstall. The database and settings in the user's data
# folder (~/.local/share/schoolimport, ~/.config/schoolimport) are never touched.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
bundle=""
mode=""
prefix=""
uninstall=0
while [ $# -gt 0 ]; do
    case "$1" in
        --user) mode=user ;;
        --prefix) mode=prefix; prefix="$2"; shift ;;
        --bundle) bundle="$2"; shift ;;
        --uninstall) uninstall=1 ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
if [ -z "$mode" ]; then
    if [ "$(id -u)" = 0 ]; then mode=prefix; prefix=/usr/local; else mode=user; fi
fi
if [ "$mode" = user ]; then
    target="$HOME/.local/opt/schoolimport"
    bindir="$HOME/.local/bin"
    share="${XDG_DATA_HOME:-$HOME/.local/share}"
else
    target="$prefix/lib/schoolimport"
    bindir="$prefix/bin"
    share="$prefix/share"
fi
apps="$share/applications"
icons="$share/icons/hicolor/256x256/apps"

if [ "$uninstall" = 1 ]; then
    rm -rf "$target"
    rm -f "$bindir/schoolimport" "$apps/schoolimport.desktop" "$icons/schoolimport.png"
    command -v update-desktop-database >/dev/null && update-desktop-database -q "$apps" || true
    if [ -f "$share/icons/hicolor/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null; then
        gtk-update-icon-cache -q -t "$share/icons/hicolor" 2>/dev/null || true
    fi
    echo "schoolimport removed from $target"
    exit 0
fi

# The bundle: given, or beside this script (release archive), or the build folder.
for candidate in "$bundle" "$here/schoolimport" "$here/../../dist/schoolimport"; do
    if [ -n "$candidate" ] && [ -x "$candidate/schoolimport" ]; then
        bundle=$(cd "$candidate" && pwd)
        break
    fi
done
if [ -z "$bundle" ] || [ ! -x "$bundle/schoolimport" ]; then
    echo "install.sh: no bundle found; run 'make dist' or pass --bundle DIR" >&2
    exit 2
fi
icon="$here/schoolimport.png"
[ -f "$icon" ] || icon="$bundle/_internal/resources/icons/schoolimport.png"

"$bundle/schoolimport" --version >/dev/null
mkdir -p "$(dirname "$target")" "$bindir" "$apps" "$icons"
rm -rf "$target"
cp -a "$bundle" "$target"
ln -sf "$target/schoolimport" "$bindir/schoolimport"
install -m 644 "$icon" "$icons/schoolimport.png"
sed -e "s|^Exec=.*|Exec=$target/schoolimport|" -e "s|^Icon=.*|Icon=schoolimport|" \
    "$here/schoolimport.desktop" > "$apps/schoolimport.desktop"
chmod 644 "$apps/schoolimport.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$apps" || true
command -v gtk-update-icon-cache >/dev/null && \
    gtk-update-icon-cache -q -t "$share/icons/hicolor" 2>/dev/null || true
echo "schoolimport $("$target/schoolimport" --version | cut -d' ' -f2) installed in $target"
echo "start it from the applications menu, or: $bindir/schoolimport (--cli ... for the command line)"
