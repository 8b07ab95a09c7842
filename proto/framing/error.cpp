#include "proto/framing/error.hpp"

#include <string>

namespace minegate::framing {
namespace {

class Category final : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "minegate.framing"; }

  std::string message(int value) const override {
    switch (static_cast<Errc>(value)) {
      case Errc::empty_frame:
        return "trame vide / empty frame";
      case Errc::frame_too_large:
        return "trame trop longue / frame too large";
      case Errc::unparsable:
        return "trame illisible / unparsable frame";
    }
    return "erreur de trame inconnue / unknown framing error";
  }
};

}  // namespace

const boost::system::error_category& ErrorCategory() {
  static const Category category;
  return category;
}

boost::system::error_code make_error_code(Errc e) { return {static_cast<int>(e), ErrorCategory()}; }

}  // namespace minegate::framing
