#!/bin/sh
# meson install into a temporary DESTDIR, then build and run a program
# outside the tree with cc and pkg-config only.
#   install_test.sh BUILD_DIR APP_C CC [extra cflags (sanitizers)]
set -eu
build=$1
app=$2
cc=$3
extra=${4:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
DESTDIR="$tmp/root" meson install -C "$build" --no-rebuild --quiet >/dev/null
pc=$(find "$tmp/root" -name libsctpdk.pc | head -1)
[ -n "$pc" ] || { echo "install-test: libsctpdk.pc not installed"; exit 1; }
pcdir=$(dirname "$pc")
prefix=$(PKG_CONFIG_PATH="$pcdir" pkg-config --variable=prefix libsctpdk)
for f in include/sctpdk/sctpdk.h include/sctpdk/sctpdk_socket.h include/sctpdk/sctpdk_runtime.h; do
  [ -f "$tmp/root$prefix/$f" ] || { echo "install-test: $f missing"; exit 1; }
done
libdir="$tmp/root$(PKG_CONFIG_PATH="$pcdir" pkg-config --variable=libdir libsctpdk)"
ls "$libdir"/libsctpdk.so* "$libdir"/libsctpdk.a >/dev/null
# the installed module, relocated to where DESTDIR put it
mkdir "$tmp/pc"
sed "s|^prefix=.*|prefix=$tmp/root$prefix|" "$pc" >"$tmp/pc/libsctpdk.pc"
pkg() { PKG_CONFIG_PATH="$tmp/pc" pkg-config "$@" libsctpdk; }
echo "install-test: cflags/libs: $(pkg --cflags --libs | cut -c1-200)..."
mkdir "$tmp/out" && cp "$app" "$tmp/out/app.c"
cd "$tmp/out"
# shellcheck disable=SC2046,SC2086
"$cc" $extra app.c $(pkg --cflags --libs) -o app
LD_LIBRARY_PATH="$libdir" ./app --lcores='(0-1)@(0-1)' --no-huge -m 128 --no-pci --no-shconf \
  --vdev=net_ring0 --log-level=lib.eal:error
echo "install-test: shared build ok"
