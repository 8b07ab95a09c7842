#include "base/error_category.hpp"

namespace minegate::base {

std::string ErrorCategory::message(int value) const {
  for (const auto& [code, text] : table_) {
    if (code == value) return text;
  }
  return "erreur inconnue / unknown error (" + std::to_string(value) + ")";
}

}  // namespace minegate::base
