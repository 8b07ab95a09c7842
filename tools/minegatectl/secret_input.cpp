#include "tools/minegatectl/secret_input.hpp"

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>

namespace minegate::ctl {
namespace {

constexpr std::size_t kMaxSecretBytes = 4096;

/// Turns terminal echo off for its lifetime, so a typed password does not appear on screen.
class EchoOff {
 public:
  EchoOff() {
    if (::tcgetattr(STDIN_FILENO, &saved_) != 0) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    active_ = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;
  ~EchoOff() {
    if (active_) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
  }

 private:
  termios saved_{};
  bool active_ = false;
};

/// At most kMaxSecretBytes + 1 bytes of `in`, so that an oversized input is noticed.
std::string ReadBounded(std::istream& in) {
  std::string text;
  char c = 0;
  while (text.size() <= kMaxSecretBytes && in.get(c)) text.push_back(c);
  return text;
}

}  // namespace

std::optional<std::string> ReadSecret(const CtlContext& context, std::string_view option,
                                      const std::string& source) {
  std::string text;
  if (source == "-") {
    if (::isatty(STDIN_FILENO) == 1) {
      context.err << "--" << option << " (entrée masquée / hidden input): " << std::flush;
      EchoOff echo_off;
      std::getline(std::cin, text);
      context.err << '\n';
    } else {
      text = ReadBounded(std::cin);
    }
  } else {
    std::ifstream in(source, std::ios::binary);
    if (!in) {
      Refused(context,
              "--" + std::string(option) + ": fichier illisible / unreadable file: " + source);
      return std::nullopt;
    }
    text = ReadBounded(in);
  }
  if (text.ends_with('\n')) text.pop_back();
  if (text.ends_with('\r')) text.pop_back();
  if (text.size() > kMaxSecretBytes || text.find('\n') != std::string::npos) {
    Refused(context, "--" + std::string(option) +
                         ": une seule ligne de 4 Kio au plus / a single line of at most 4 KiB");
    return std::nullopt;
  }
  if (text.empty()) {
    Refused(context, "--" + std::string(option) + ": vide / empty");
    return std::nullopt;
  }
  return text;
}

}  // namespace minegate::ctl
