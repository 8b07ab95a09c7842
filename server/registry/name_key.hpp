#pragma once
/// Names as people type them at a gate: "Aïssatou", "AISSATOU" and "aissatou"
/// are one name. A name key folds case and the Latin accents of French,
/// Wolof, Pulaar and Mandinka spellings to plain lower-case ASCII, keeps
/// digits, and turns every other run of characters (spaces, hyphens,
/// apostrophes) into one space.

#include <string>
#include <string_view>

namespace minegate::server::registry {

/// The folded form of `name`; invalid UTF-8 sequences are dropped.
std::string NameKey(std::string_view name);

}  // namespace minegate::server::registry
