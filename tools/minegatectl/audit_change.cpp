#include "tools/minegatectl/audit_change.hpp"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/type_resolver_util.h>
#include <pwd.h>
#include <unistd.h>

#include <memory>
#include <utility>

#include "base/version.hpp"
#include "db/error.hpp"
#include "server/audit/audit_log.hpp"
#include "tools/minegatectl/command_table.hpp"

namespace minegate::ctl {
namespace {

namespace audit = server::audit;

/// Options that name where a secret is read from: the path tells an auditor nothing.
bool IsSecretSource(std::string_view option) {
  return option == "password-file" || option == "pin-file";
}

/// The command's options as a JSON object with sorted keys, through protobuf's own JSON
/// printer: a Struct serialised deterministically (map keys in order), then printed. Flags are
/// true. "" when the command has no option given.
std::string OptionsJson(const CtlContext& context) {
  std::size_t consumed = 0;
  std::vector<std::string> words;
  for (std::string_view rest = context.command; !rest.empty();) {
    const std::size_t space = rest.find(' ');
    words.emplace_back(rest.substr(0, space));
    rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
  }
  const Command* command = FindCommand(words, consumed);
  if (command == nullptr) return "";
  google::protobuf::Struct options;
  for (const std::string_view name : command->options) {
    if (IsSecretSource(name)) continue;
    if (auto value = context.args.Get(name)) {
      (*options.mutable_fields())[std::string(name)].set_string_value(*value);
    }
  }
  for (const std::string_view name : command->flags) {
    if (context.args.Has(name)) {
      (*options.mutable_fields())[std::string(name)].set_bool_value(true);
    }
  }
  if (options.fields().empty()) return "";
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream raw(&bytes);
    google::protobuf::io::CodedOutputStream coded(&raw);
    coded.SetSerializationDeterministic(true);
    if (!options.SerializeToCodedStream(&coded)) return "";
  }
  const std::unique_ptr<google::protobuf::util::TypeResolver> resolver(
      google::protobuf::util::NewTypeResolverForDescriptorPool(
          "type.googleapis.com", google::protobuf::DescriptorPool::generated_pool()));
  std::string json;
  if (!google::protobuf::util::BinaryToJsonString(
           resolver.get(), "type.googleapis.com/google.protobuf.Struct", bytes, &json)
           .ok()) {
    return "";
  }
  return json;
}

/// "error" for the storage failing (busy, disk), "refused" for a rule of the registry.
std::string_view OutcomeKind(const boost::system::error_code& error) {
  return error.category() == db::DbCategory() ? "error" : "refused";
}

}  // namespace

std::string OperatingSystemUser() {
  const uid_t uid = ::geteuid();
  // getpwuid may read NSS (LDAP, files); a missing entry (a container's numeric user) is not an
  // error: the number still says who.
  if (const passwd* entry = ::getpwuid(uid);
      entry != nullptr && entry->pw_name != nullptr && entry->pw_name[0] != '\0') {
    return entry->pw_name;
  }
  return "uid:" + std::to_string(uid);
}

audit::AuditEntry CommandEntry(const CtlContext& context) {
  audit::AuditEntry entry;
  entry.actor_kind = audit::ActorKind::kMinegatectl;
  entry.actor_id = OperatingSystemUser();
  entry.user_agent = "minegatectl " + std::string(base::kVersion);
  entry.action = "minegatectl " + std::string(context.command);
  entry.query = OptionsJson(context);
  entry.outcome = "ok";
  return entry;
}

bool RecordEntry(const CtlContext& context, db::Connection& connection, audit::AuditEntry entry) {
  auto transaction = db::Transaction::Begin(connection, db::Transaction::Mode::kImmediate);
  base::Result<void> recorded =
      transaction ? base::Result<void>(base::Success()) : base::Result<void>(transaction.error());
  if (recorded) {
    auto appended = audit::AuditLog().Append(connection, std::move(entry));
    recorded = appended ? transaction.value().Commit() : base::Result<void>(appended.error());
  }
  if (!recorded) {
    context.err << "minegatectl " << context.command
                << ": attention, non inscrit au journal d'audit / warning, not written to the "
                   "audit log: "
                << recorded.error().message() << '\n';
  }
  return static_cast<bool>(recorded);
}

std::optional<AuditedChange> AuditedChange::Begin(const CtlContext& context,
                                                  db::Connection& connection) {
  auto transaction = db::Transaction::Begin(connection, db::Transaction::Mode::kImmediate);
  if (!transaction) {
    Refused(context, transaction.error());
    return std::nullopt;
  }
  return AuditedChange(context, connection, std::move(transaction).value());
}

AuditedChange::AuditedChange(const CtlContext& context, db::Connection& connection,
                             db::Transaction transaction)
    : context_(&context),
      connection_(&connection),
      transaction_(std::move(transaction)),
      entry_(CommandEntry(context)) {}

bool AuditedChange::Commit() {
  auto appended = audit::AuditLog().Append(*connection_, entry_);
  if (!appended) {
    Refuse(appended.error());
    return false;
  }
  if (auto committed = transaction_->Commit(); !committed) {
    Refuse(committed.error());
    return false;
  }
  transaction_.reset();
  return true;
}

int AuditedChange::Refuse(const boost::system::error_code& error) {
  transaction_.reset();  // Rolls the change back (if SQLite has not already).
  audit::AuditEntry refusal = entry_;
  refusal.outcome = audit::OutcomeOf(OutcomeKind(error), error);
  RecordEntry(*context_, *connection_, std::move(refusal));
  return Refused(*context_, error);
}

}  // namespace minegate::ctl
