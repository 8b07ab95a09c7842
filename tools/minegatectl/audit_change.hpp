#pragma once
/// One audited minegatectl change: the registry call runs inside an outer IMMEDIATE transaction
/// (the registry's own transaction nests in it as a savepoint), the audit entry is appended in
/// the same transaction, and both commit together. A refusal rolls the change back and records
/// "refused:<code>" in a transaction of its own, right after. The entry names the OS user, the
/// command, its targets and its options — never a secret: passwords and PINs come from files,
/// and an enrolment code is made by the registry, not typed.
///
///   auto change = AuditedChange::Begin(context, *connection);
///   if (!change) return kExitRefused;
///   auto site_id = admin::SiteRegistry(*connection).AddSite(name, department);
///   if (!site_id) return change->Refuse(site_id.error());
///   change->AddTarget("site:" + std::to_string(site_id.value()));
///   if (!change->Commit()) return kExitRefused;

#include <boost/system/error_code.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "server/audit/audit_entry.hpp"
#include "tools/minegatectl/ctl_context.hpp"

namespace minegate::ctl {

class AuditedChange {
 public:
  /// Opens the outer transaction. Reports and returns nullopt when it cannot (busy past the
  /// timeout): nothing was attempted.
  static std::optional<AuditedChange> Begin(const CtlContext& context, db::Connection& connection);

  void AddTarget(std::string target) { entry_.targets.push_back(std::move(target)); }
  /// A person the change concerns (lower-case hex token), as the API's entries name them.
  void AddPersonToken(std::string token_hex) {
    entry_.person_tokens.push_back(std::move(token_hex));
  }

  /// Appends the "ok" entry and commits the change with it. On failure reports it (as
  /// Refuse does for an error) and returns false: then neither was kept.
  bool Commit();

  /// The change failed with `error`: rolls it back, records the refusal ("refused:<code>", or
  /// "error:<code>" for a storage failure) in its own transaction, reports it like Refused()
  /// and returns kExitRefused.
  int Refuse(const boost::system::error_code& error);

 private:
  AuditedChange(const CtlContext& context, db::Connection& connection, db::Transaction transaction);

  const CtlContext* context_;
  db::Connection* connection_;
  std::optional<db::Transaction> transaction_;
  server::audit::AuditEntry entry_;
};

/// The entry every minegatectl command starts from: actor kMinegatectl and the OS user,
/// action "minegatectl <command>", the command's options as JSON in `query`.
server::audit::AuditEntry CommandEntry(const CtlContext& context);

/// Appends `entry` in a transaction of its own (for what is not one registry call: a refusal
/// found before any change, a change made in many transactions). Reports a failure on stderr.
bool RecordEntry(const CtlContext& context, db::Connection& connection,
                 server::audit::AuditEntry entry);

/// The OS user running minegatectl (getpwuid(geteuid())), or "uid:N" when it has no name.
std::string OperatingSystemUser();

}  // namespace minegate::ctl
