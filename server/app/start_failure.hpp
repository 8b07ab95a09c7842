#pragma once
/// How the services refuse to start: an exception (start-up is the one place for them) whose
/// text names what failed, in French then English, and the error.

#include <boost/system/error_code.hpp>
#include <stdexcept>
#include <string>

namespace minegate::server {

[[noreturn]] inline void ThrowStartFailure(const std::string& what,
                                           const boost::system::error_code& ec) {
  throw std::runtime_error(what + ": " + ec.message());
}

}  // namespace minegate::server
