#include "kiosk/sync/enrolment_file.hpp"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include "base/file.hpp"

namespace minegate::kiosk::sync {
namespace {

/// The message has no nested message; a file nesting unknown fields deeper than this is not
/// one minegatectl wrote, and is refused before it can exhaust the stack.
constexpr int kMaxNesting = 8;

/// Keeps protobuf's first error (it logs to stderr without a collector) and drops its warnings
/// (one per unknown field, which this reader accepts on purpose).
class FirstError final : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    if (!detail_.empty()) return;
    // protobuf counts from zero; editors count from one.
    const std::string at_line = std::to_string(line + 1);
    const std::string at_column = std::to_string(column + 1);
    detail_ = "ligne " + at_line + ", colonne " + at_column + " / line " + at_line + ", column " +
              at_column + ": " + message;
  }
  void AddWarning(int /*line*/, google::protobuf::io::ColumnNumber /*column*/,
                  const std::string& /*message*/) override {}

  const std::string& detail() const { return detail_; }

 private:
  std::string detail_;
};

EnrolmentFileError Bad(std::string detail) {
  return {make_error_code(Errc::bad_enrolment_file), std::move(detail)};
}

}  // namespace

EnrolmentFileResult<v1::EnrolmentFile> ParseEnrolmentFile(std::string_view text) {
  if (text.size() > kMaxEnrolmentFileSize) {
    return Bad("plus de 64 Kio / over 64 KiB");
  }
  google::protobuf::TextFormat::Parser parser;
  FirstError errors;
  parser.RecordErrorsTo(&errors);
  parser.AllowUnknownField(true);
  parser.SetRecursionLimit(kMaxNesting);
  v1::EnrolmentFile file;
  if (!parser.ParseFromString(std::string(text), &file)) {
    return Bad(errors.detail().empty() ? std::string("format texte protobuf invalide / "
                                                     "invalid protobuf text format")
                                       : errors.detail());
  }
  if (file.device_id().empty()) return Bad("device_id manquant / device_id missing");
  if (file.enrolment_code().empty()) {
    return Bad("enrolment_code manquant / enrolment_code missing");
  }
  return file;
}

EnrolmentFileResult<v1::EnrolmentFile> ReadEnrolmentFile(const std::filesystem::path& path) {
  // FileAccess::shared: the file arrives on a USB stick, whose FAT file system shows every
  // file as readable by all; the code it holds is single-use and short-lived.
  auto text = base::ReadFileBounded(path, kMaxEnrolmentFileSize);
  if (!text) {
    if (text.error() == boost::system::errc::file_too_large) {
      return Bad("plus de 64 Kio / over 64 KiB");
    }
    return EnrolmentFileError{text.error(), text.error().message()};
  }
  return ParseEnrolmentFile(text.value());
}

}  // namespace minegate::kiosk::sync
