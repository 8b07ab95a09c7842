#include "proto/framing/error.hpp"

#include <string>

#include "base/error_category.hpp"

namespace minegate::framing {
const boost::system::error_category& ErrorCategory() {
  static const base::ErrorCategory category = base::ErrorCategory::Of<Errc>(
      "minegate.framing", {{Errc::empty_frame, "trame vide / empty frame"},
                           {Errc::frame_too_large, "trame trop longue / frame too large"},
                           {Errc::unparsable, "trame illisible / unparsable frame"}});
  return category;
}

boost::system::error_code make_error_code(Errc e) { return {static_cast<int>(e), ErrorCategory()}; }

}  // namespace minegate::framing
