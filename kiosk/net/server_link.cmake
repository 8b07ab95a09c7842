# The kiosk's TLS links to the server: the sync WebSocket (sync_socket), one-shot HTTPS
# requests for enrolment and reconcile (https_request), and the certificate pin they share
# (tls_*). Headers other than tls_connect.hpp are Beast-free, for kiosk/sync to use.
find_package(OpenSSL 3 REQUIRED)
minegate_library(minegate_kiosk_server_link
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/tls_error.cpp
    ${CMAKE_CURRENT_LIST_DIR}/tls_pin.cpp
    ${CMAKE_CURRENT_LIST_DIR}/tls_connect.cpp
    ${CMAKE_CURRENT_LIST_DIR}/sync_socket.cpp
    ${CMAKE_CURRENT_LIST_DIR}/https_request.cpp
  DEPS
    minegate_credential
    Boost::headers
    OpenSSL::SSL
    OpenSSL::Crypto
    Threads::Threads)
