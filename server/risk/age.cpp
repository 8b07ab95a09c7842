#include "server/risk/age.hpp"

#include "server/risk/internal/calendar.hpp"

namespace minegate::server::risk {

std::optional<PersonAge> AgeAt(const v1::CalendarDate& birth, std::int64_t at_ms) {
  const auto age = internal::YoungestAge(birth, at_ms);
  if (!age) return std::nullopt;
  return PersonAge{age->years, age->approximate};
}

}  // namespace minegate::server::risk
