#pragma once
/// The client address a sign-in is throttled under. IPv4 as is; IPv4-mapped IPv6 as the IPv4
/// it maps; other IPv6 addresses by their /64 prefix, because one host commonly holds a whole
/// /64 and would otherwise get a fresh counter per address.

#include <string>
#include <string_view>

namespace minegate::server::auth::internal {

/// The canonical text of the address (or of its /64: "2001:db8:1:2::/64"). A port after the
/// address ("10.0.0.7:51234", "[2001:db8::1]:443") is dropped. Text that is no address is kept
/// as given, cut to 64 bytes: still one key per sender.
std::string ThrottleAddress(std::string_view client_address);

}  // namespace minegate::server::auth::internal
