#pragma once
/// A file descriptor that closes itself: the one owner of a raw descriptor in the project.

#include <utility>

namespace minegate::base {

class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) noexcept : fd_(fd) {}
  ~UniqueFd() { Reset(); }
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) {
      Reset();
      fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  int get() const noexcept { return fd_; }
  bool valid() const noexcept { return fd_ >= 0; }
  explicit operator bool() const noexcept { return valid(); }
  /// Gives the descriptor up without closing it.
  int Release() noexcept { return std::exchange(fd_, -1); }
  /// Closes now; false when close() failed (for a written file, the last chance to learn of a
  /// write error). errno is then set.
  bool Close() noexcept;
  /// Closes the current descriptor (if any) and owns `fd` instead.
  void Reset(int fd = -1) noexcept {
    Close();
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

}  // namespace minegate::base
