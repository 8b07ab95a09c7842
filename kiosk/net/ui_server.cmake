# The loopback UI server (kiosk/net/ui_*): serves the embedded page and speaks UiRequest /
# UiUpdate JSON over one WebSocket per page. Beast stays in ui_http_session.cpp and
# ui_ws_session.cpp; ui_server.hpp, ui_http_policy.hpp and ui_error.hpp are Beast-free, so the
# kiosk's application compiles against them quickly and the policy is tested without sockets.
# libsodium: the page token is compared in constant time.
minegate_library(minegate_kiosk_ui_server
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/ui_error.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ui_http_policy.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ui_http_session.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ui_listener.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ui_server.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ui_ws_session.cpp
  DEPS minegate_kiosk_ui minegate_proto Boost::headers Threads::Threads PkgConfig::SODIUM)
