#pragma once
/// One way to declare an error category: a name and a table of {code, "français / English"}.
/// Every library's error enum gets its category from here instead of a hand-written class:
///
///   const boost::system::error_category& DbCategory() noexcept {
///     static const base::ErrorCategory category = base::ErrorCategory::Of<Errc>(
///         "minegate.db", {{Errc::busy, "base occupée, réessayer / database busy, retry"}, ...});
///     return category;
///   }
///
/// Messages reach operators and agents directly, so they are bilingual, French first.

#include <boost/system/error_code.hpp>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace minegate::base {

class ErrorCategory final : public boost::system::error_category {
 public:
  /// `name` must outlive the category (a string literal). Codes not in the table read
  /// "erreur inconnue / unknown error (<code>)".
  template <class Enum>
  static ErrorCategory Of(const char* name,
                          std::initializer_list<std::pair<Enum, const char*>> messages) {
    std::vector<std::pair<int, const char*>> table;
    table.reserve(messages.size());
    for (const auto& [code, text] : messages) table.emplace_back(static_cast<int>(code), text);
    return ErrorCategory(name, std::move(table));
  }

  const char* name() const noexcept override { return name_; }
  std::string message(int value) const override;

 private:
  ErrorCategory(const char* name, std::vector<std::pair<int, const char*>> table)
      : name_(name), table_(std::move(table)) {}

  const char* name_;
  std::vector<std::pair<int, const char*>> table_;
};

}  // namespace minegate::base
