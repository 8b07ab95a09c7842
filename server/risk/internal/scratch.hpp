#pragma once
/// A buffer of `size` values on the stack when small, on the heap only beyond N: Evaluate's
/// working space without an allocation for an ordinary person.

#include <array>
#include <cstddef>
#include <span>
#include <vector>

namespace minegate::server::risk::internal {

template <class T, std::size_t N>
class Scratch {
 public:
  explicit Scratch(std::size_t size) : size_(size) {
    if (size > N) heap_.resize(size);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  std::span<T> span() { return {size_ > N ? heap_.data() : stack_.data(), size_}; }

 private:
  std::size_t size_;
  std::array<T, N> stack_{};
  std::vector<T> heap_;
};

}  // namespace minegate::server::risk::internal
