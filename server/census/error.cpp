#include "server/census/error.hpp"

#include "base/error_category.hpp"

namespace minegate::server::census {

const boost::system::error_category& CensusCategory() noexcept {
  static const base::ErrorCategory category = base::ErrorCategory::Of<Errc>(
      "minegate.server.census",
      {{Errc::bad_presence_window,
        "fenêtre de présence hors limites : 1 à 365 jours / presence window out of range: 1 to "
        "365 days"},
       {Errc::bad_day, "date invalide : AAAA-MM-JJ / invalid date: YYYY-MM-DD"},
       {Errc::bad_day_range,
        "période invalide : le début doit précéder la fin, 366 jours au plus / invalid period: "
        "the start must come before the end, at most 366 days"},
       {Errc::bad_list_position, "position de liste invalide / invalid list position"}});
  return category;
}

boost::system::error_code make_error_code(Errc e) noexcept {
  return {static_cast<int>(e), CensusCategory()};
}

}  // namespace minegate::server::census
