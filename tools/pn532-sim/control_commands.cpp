#include "tools/pn532-sim/control_commands.hpp"

#include <charconv>
#include <chrono>
#include <climits>
#include <vector>

namespace minegate::pn532sim {
namespace {

std::vector<std::string_view> Words(std::string_view line) {
  std::vector<std::string_view> words;
  std::size_t pos = 0;
  while (pos < line.size()) {
    const std::size_t start = line.find_first_not_of(" \t", pos);
    if (start == std::string_view::npos) break;
    const std::size_t end = line.find_first_of(" \t", start);
    words.push_back(line.substr(start, end == std::string_view::npos ? end : end - start));
    pos = end == std::string_view::npos ? line.size() : end;
  }
  return words;
}

std::string Error(std::string_view message) { return "error " + std::string(message); }

std::string Place(const std::vector<std::string_view>& words, EmulatorControl& emulator) {
  if (words.size() < 2 || words.size() > 4) {
    return Error("usage: place MODEL [UIDHEX [IMAGEHEX]]");
  }
  const std::optional<TagModel> model = ParseTagModel(words[1]);
  if (!model) {
    return Error("modèle inconnu / unknown model: " + std::string(words[1]) +
                 " (ntag213, ntag215, ntag216, desfire)");
  }
  std::optional<Bytes> uid;
  if (words.size() >= 3) {
    uid = ParseHex(words[2]);
    if (!uid) return Error("UID hexadécimal invalide / invalid hex UID: " + std::string(words[2]));
  }
  // A copy: the whole memory as "dump raw" printed it on another emulator (same UID, same
  // signed content), as a cloner's tag would carry it.
  std::optional<Bytes> image;
  if (words.size() == 4) {
    image = ParseHex(words[3]);
    if (!image) return Error("image hexadécimale invalide / invalid hex image");
  }
  const Bytes shown = uid ? *uid : DefaultUid(*model);
  const Status status = emulator.PlaceTag(*model, std::move(uid), image);
  if (!status.ok()) return Error(status.message());
  return std::string(image ? "ok placed copy " : "ok placed ") + std::string(TagModelName(*model)) +
         " " + ToHex(shown);
}

/// A whole decimal number in [1, max]; nullopt otherwise.
std::optional<unsigned> ParseCount(std::string_view text, unsigned max) {
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value == 0 || value > max) {
    return std::nullopt;
  }
  return value;
}

/// "fault stall [on CMD] [for MS]", words[0] and words[1] being "fault stall".
std::string Stall(const std::vector<std::string_view>& words, FaultPlan& faults) {
  constexpr unsigned kMaxStallMs = 3'600'000;  // an hour: longer is a test that forgot it
  const std::string usage =
      "usage: fault stall [on CMD] [for MS] (CMD: code de commande hexadécimal / hex command "
      "code, ex. 40; MS: 1.." +
      std::to_string(kMaxStallMs) + ")";
  std::optional<std::uint8_t> command;
  std::optional<std::chrono::milliseconds> duration;
  std::size_t i = 2;
  if (i + 1 < words.size() && words[i] == "on") {
    const std::optional<Bytes> code = ParseHex(words[i + 1]);
    if (!code || code->size() != 1) return Error(usage);
    command = code->front();
    i += 2;
  }
  if (i + 1 < words.size() && words[i] == "for") {
    const std::optional<unsigned> ms = ParseCount(words[i + 1], kMaxStallMs);
    if (!ms) return Error(usage);
    duration = std::chrono::milliseconds(*ms);
    i += 2;
  }
  if (i != words.size()) return Error(usage);
  faults.ArmStall(command, duration);
  std::string reply = "ok armed stall";
  if (command) reply += " on " + ToHex(std::span(&*command, 1));
  if (duration) reply += " for " + std::to_string(duration->count());
  return reply;
}

std::string Fault(const std::vector<std::string_view>& words, EmulatorControl& emulator) {
  const std::string_view mode = words.size() >= 2 ? words[1] : std::string_view();
  FaultPlan& faults = emulator.faults();
  if (mode == "drop-next-reply" && words.size() == 2) {
    faults.ArmDropNextReply();
    return "ok armed drop-next-reply";
  }
  if (mode == "garbage-before-ack" && words.size() == 2) {
    faults.ArmGarbageBeforeAck();
    return "ok armed garbage-before-ack";
  }
  if (mode == "remove-after-writes" && words.size() == 3) {
    const std::optional<unsigned> count = ParseCount(words[2], UINT_MAX);
    if (!count) return Error("N doit être un entier >= 1 / N must be an integer >= 1");
    faults.ArmRemoveAfterWrites(*count);
    return "ok armed remove-after-writes " + std::to_string(*count);
  }
  if (mode == "stall") return Stall(words, faults);
  if (mode == "unplug" && words.size() == 2) {
    const Status status = emulator.Unplug();
    return status.ok() ? "ok unplugged" : Error(status.message());
  }
  if (mode == "clear" && words.size() == 2) {
    faults = FaultPlan();
    return "ok faults cleared";
  }
  return Error(
      "usage: fault drop-next-reply | garbage-before-ack | remove-after-writes N | "
      "stall [on CMD] [for MS] | unplug | clear");
}

}  // namespace

std::string ExecuteControlLine(std::string_view line, EmulatorControl& emulator) {
  const std::vector<std::string_view> words = Words(line);
  if (words.empty()) return Error("commande vide / empty command");
  const std::string_view command = words[0];
  if (command == "place") return Place(words, emulator);
  if (command == "fault") return Fault(words, emulator);
  if (words.size() > 2 || (words.size() == 2 && !(command == "dump" && words[1] == "raw"))) {
    return Error("arguments en trop / unexpected arguments");
  }
  if (command == "remove") {
    return emulator.RemoveTag() ? "ok removed" : "ok field already empty";
  }
  if (command == "dump") {
    const std::optional<Bytes> image = emulator.DumpTag(words.size() == 2);
    if (!image) return Error("aucune étiquette dans le champ / no tag in the field");
    return "ok " + ToHex(*image);
  }
  if (command == "unplug") {
    const Status status = emulator.Unplug();
    return status.ok() ? "ok unplugged" : Error(status.message());
  }
  if (command == "replug") {
    const Status status = emulator.Replug();
    return status.ok() ? "ok replugged" : Error(status.message());
  }
  if (command == "status") return "ok " + emulator.Describe();
  if (command == "help") return "ok " + std::string(ControlHelp());
  return Error("commande inconnue / unknown command: " + std::string(command));
}

std::string_view ControlHelp() {
  return "place MODEL [UIDHEX [IMAGEHEX]] | remove | dump [raw] | status | fault drop-next-reply | "
         "fault garbage-before-ack | fault remove-after-writes N | fault stall [on CMD] [for MS] | "
         "fault unplug | fault clear | "
         "unplug | replug | help";
}

}  // namespace minegate::pn532sim
