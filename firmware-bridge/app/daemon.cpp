#include "firmware-bridge/app/daemon.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <iostream>

#include "base/log.hpp"
#include "firmware-bridge/net/client_hub.hpp"
#include "firmware-bridge/service/reader_loop.hpp"

namespace minegate::bridge {

int RunDaemon(const Options& options) {
  boost::asio::io_context io(1);
  ReaderLoop* loop_ptr = nullptr;
  ClientHub hub(io, options.socket, [&loop_ptr](std::uint64_t client, v1::WriteCredential request) {
    loop_ptr->SubmitWrite(client, std::move(request));
  });
  if (auto ec = hub.Listen()) {
    // Cannot serve at all: a start-up refusal, plain text for the person starting it.
    std::cerr << "minegate-bridge: socket inutilisable / unusable socket: " << options.socket
              << ": " << ec.message() << '\n';
    return 1;
  }

  ReaderLoopOptions loop_options;
  loop_options.connstring = options.device;
  loop_options.poll_interval = options.poll_interval;
  ReaderLoop loop(loop_options, [&hub](const v1::BridgeMessage& message, ClientId to) {
    hub.Publish(message, to);
  });
  loop_ptr = &loop;

  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code&, int) {
    loop.Stop();
    hub.Close();
    io.stop();
  });

  base::LogInfo("started", {{"reader", base::LogText(options.device)},
                            {"socket", base::LogText(options.socket)}});
  loop.Start();
  io.run();
  loop.Stop();
  base::LogInfo("stopped");
  return 0;
}

}  // namespace minegate::bridge
