#pragma once
/// The user id as an official types it, made into the id it names: spaces around it dropped
/// (phones add one after a word) and ASCII upper case folded (ids are [a-z0-9._-]; "Awa.Diallo"
/// means awa.diallo). The throttle keys on the same text, so both spellings share one count.

#include <string>
#include <string_view>

namespace minegate::server::auth::internal {

std::string SignInName(std::string_view typed);

}  // namespace minegate::server::auth::internal
