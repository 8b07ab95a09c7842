# The Debian packages, built by CPack from the targets built here (tools/packaging/README.md):
#   minegate-server  minegate-server, minegatectl, their unit, /etc/minegate/server.conf
#   minegate-kiosk   minegate-kiosk, minegate-bridge, minegate-display (Chromium under cage),
#                    their units, /etc/minegate/kiosk.conf and bridge.conf
# `cpack --config build/CPackConfig.cmake -B DIR` writes both .deb files into DIR from what is
# already built; it builds nothing (CMAKE_SKIP_INSTALL_ALL_DEPENDENCY below), so build the four
# programs first. The install rules exist for the packages only: their destinations are the
# packages' own paths under "/", not a prefix.
set(MINEGATE_PACKAGING_DIR ${PROJECT_SOURCE_DIR}/tools/packaging)

# `cpack` would otherwise build the whole tree (every test) before packaging.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY TRUE)

set(_server ${MINEGATE_PACKAGING_DIR}/server)
set(_kiosk ${MINEGATE_PACKAGING_DIR}/kiosk)
set(_unit_dir lib/systemd/system)

install(TARGETS minegate-server minegatectl RUNTIME DESTINATION usr/bin COMPONENT server)
install(FILES ${_server}/minegate-server.service DESTINATION ${_unit_dir} COMPONENT server)
install(FILES ${_server}/server.conf DESTINATION etc/minegate COMPONENT server)
install(FILES ${MINEGATE_PACKAGING_DIR}/README.md DESTINATION usr/share/doc/minegate-server COMPONENT server)

install(TARGETS minegate-kiosk minegate-bridge RUNTIME DESTINATION usr/bin COMPONENT kiosk)
install(FILES
  ${_kiosk}/minegate-bridge.service
  ${_kiosk}/minegate-kiosk.service
  ${_kiosk}/minegate-display.service
  ${_kiosk}/minegate-display-restart.path
  ${_kiosk}/minegate-display-restart.service
  DESTINATION ${_unit_dir} COMPONENT kiosk)
install(PROGRAMS ${_kiosk}/minegate-display DESTINATION usr/libexec/minegate COMPONENT kiosk)
install(FILES ${_kiosk}/kiosk.conf ${_kiosk}/bridge.conf DESTINATION etc/minegate COMPONENT kiosk)
install(FILES ${_kiosk}/pam-minegate-display DESTINATION etc/pam.d
  RENAME minegate-display COMPONENT kiosk)
install(FILES ${_kiosk}/chromium-policy.json DESTINATION etc/chromium/policies/managed
  RENAME minegate-kiosk.json COMPONENT kiosk)
install(FILES ${MINEGATE_PACKAGING_DIR}/README.md DESTINATION usr/share/doc/minegate-kiosk COMPONENT kiosk)

# conffiles: every file under /etc, kept across upgrades when the administrator changed it.
set(_control ${CMAKE_BINARY_DIR}/packaging)
file(WRITE ${_control}/server/conffiles "/etc/minegate/server.conf\n")
file(WRITE ${_control}/kiosk/conffiles
  "/etc/minegate/kiosk.conf\n/etc/minegate/bridge.conf\n/etc/pam.d/minegate-display\n"
  "/etc/chromium/policies/managed/minegate-kiosk.json\n")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME minegate)
set(CPACK_PACKAGE_VENDOR "minegate")
set(CPACK_PACKAGE_CONTACT "minegate <minegate@localhost>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /)
set(CPACK_STRIP_FILES TRUE)
set(CPACK_COMPONENTS_ALL server kiosk)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The libraries' packages from the binaries themselves (dpkg-shlibdeps), as debhelper would.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_SERVER_PACKAGE_NAME minegate-server)
set(CPACK_COMPONENT_SERVER_DESCRIPTION
  "minegate central server and its administration tool\n\
Serveur central de minegate (registre, risques, recensement, orientation) et minegatectl.\n\
The minegate central server (registry, risk flags, census, referrals) and minegatectl,\n\
with a hardened systemd unit running as the minegate system user.")
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "adduser, init-system-helpers")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
  ${_server}/postinst ${_server}/prerm ${_server}/postrm ${_control}/server/conffiles)

set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME minegate-kiosk)
set(CPACK_COMPONENT_KIOSK_DESCRIPTION
  "minegate gate kiosk, NFC reader bridge and touch screen\n\
Kiosque de porte minegate, pont du lecteur NFC (libnfc) et écran tactile.\n\
The minegate gate kiosk, its NFC reader bridge (PN532 through libnfc) and its touch\n\
screen: Chromium in kiosk mode under the cage compositor, each in a hardened systemd unit.")
# chromium and cage: the screen; libpam-systemd: the logind session cage takes the seat with.
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS
  "adduser, init-system-helpers, chromium, cage, libpam-systemd")
set(CPACK_DEBIAN_KIOSK_PACKAGE_CONTROL_EXTRA
  ${_kiosk}/postinst ${_kiosk}/prerm ${_kiosk}/postrm ${_control}/kiosk/conffiles)

include(CPack)
