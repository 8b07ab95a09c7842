// Bounded reads and atomic, durable writes on a real file system.
#include "base/file.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <boost/system/error_code.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <string>

#include "base/unique_fd.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::base {
namespace {

mode_t ModeOf(const std::filesystem::path& path) {
  struct stat info {};
  EXPECT_EQ(::stat(path.c_str(), &info), 0);
  return info.st_mode & 07777;
}

TEST(FileTest, WritesWithTheExactModeWhateverTheUmask) {
  test::TempDir dir;
  const auto path = dir.path() / "device.key";
  const mode_t old_umask = ::umask(0);  // a umask that would leave the file world-readable
  const auto written = WriteFileAtomically(path, std::string_view("secret"), 0600);
  ::umask(old_umask);
  ASSERT_TRUE(written) << written.error().message();
  EXPECT_EQ(ModeOf(path), 0600u);
  EXPECT_EQ(ReadFileBounded(path, 100).value(), "secret");
}

TEST(FileTest, ReplacesTheWholeFileAndLeavesNoTemporary) {
  test::TempDir dir;
  const auto path = dir.path() / "page-url";
  ASSERT_TRUE(WriteFileAtomically(path, std::string_view("a much longer first content"), 0644));
  const std::uint8_t bytes[] = {'n', 'e', 'w'};
  ASSERT_TRUE(WriteFileAtomically(path, std::span<const std::uint8_t>(bytes), 0640));
  EXPECT_EQ(ReadFileBounded(path, 100).value(), "new");
  EXPECT_EQ(ModeOf(path), 0640u);
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    ++entries;
  }
  EXPECT_EQ(entries, 1);
}

TEST(FileTest, AFailedWriteKeepsTheOldContentAndSaysWhy) {
  test::TempDir dir;
  const auto path = dir.path() / "missing-dir" / "file";
  const auto written = WriteFileAtomically(path, std::string_view("x"), 0600);
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error(), boost::system::errc::no_such_file_or_directory);

  // A directory in the way of the rename: the write fails and the temporary is removed.
  const auto blocked = dir.path() / "blocked";
  std::filesystem::create_directory(blocked);
  std::ofstream(blocked / "inside") << "keep";
  EXPECT_FALSE(WriteFileAtomically(blocked, std::string_view("x"), 0600));
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    ++entries;
  }
  EXPECT_EQ(entries, 1);
  EXPECT_EQ(ReadFileBounded(blocked / "inside", 10).value(), "keep");
}

TEST(FileTest, ReadRefusesAFileLargerThanItsBound) {
  test::TempDir dir;
  const auto path = dir.path() / "big";
  ASSERT_TRUE(WriteFileAtomically(path, std::string(40 * 1024, 'x'), 0600));
  const auto read = ReadFileBounded(path, 40 * 1024 - 1);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error(), boost::system::errc::file_too_large);
  EXPECT_EQ(ReadFileBounded(path, 40 * 1024).value().size(), 40u * 1024);
  EXPECT_EQ(ReadFileBounded(dir.path() / "absent", 10).error(),
            boost::system::errc::no_such_file_or_directory);
}

TEST(FileTest, CreateNewNeverReplacesAnExistingFile) {
  test::TempDir dir;
  const auto path = dir.path() / "server.key";
  ASSERT_TRUE(WriteFileAtomically(path, std::string_view("first"), 0600, WriteMode::create_new));
  const auto second =
      WriteFileAtomically(path, std::string_view("second"), 0600, WriteMode::create_new);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error(), boost::system::errc::file_exists);
  EXPECT_EQ(ReadFileBounded(path, 100).value(), "first");
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    ++entries;
  }
  EXPECT_EQ(entries, 1);
}

TEST(FileTest, MoveFileDurablyNamesAWrittenFileOrRemovesIt) {
  test::TempDir dir;
  const auto written = dir.path() / "copy.tmp";
  std::ofstream(written) << "backup";
  ASSERT_TRUE(MoveFileDurably(written, dir.path() / "copy.db", WriteMode::create_new));
  EXPECT_EQ(ReadFileBounded(dir.path() / "copy.db", 100).value(), "backup");
  EXPECT_FALSE(std::filesystem::exists(written));

  std::ofstream(written) << "second";
  const auto refused = MoveFileDurably(written, dir.path() / "copy.db", WriteMode::create_new);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), boost::system::errc::file_exists);
  EXPECT_EQ(ReadFileBounded(dir.path() / "copy.db", 100).value(), "backup");
  EXPECT_FALSE(std::filesystem::exists(written)) << "a refused file is removed";

  std::ofstream(written) << "third";
  ASSERT_TRUE(MoveFileDurably(written, dir.path() / "copy.db"));
  EXPECT_EQ(ReadFileBounded(dir.path() / "copy.db", 100).value(), "third");
}

TEST(FileTest, APrivateFileMustBeOwnerOnlyRegularAndNotALink) {
  test::TempDir dir;
  const auto key = dir.path() / "device.key";
  ASSERT_TRUE(WriteFileAtomically(key, std::string_view("seed"), 0600));
  EXPECT_EQ(ReadFileBounded(key, 100, FileAccess::private_only).value(), "seed");

  ASSERT_EQ(::chmod(key.c_str(), 0640), 0);
  EXPECT_EQ(ReadFileBounded(key, 100, FileAccess::private_only).error(),
            FileErrc::readable_by_others);
  EXPECT_EQ(ReadFileBounded(key, 100).value(), "seed");  // a shared read does not care

  ASSERT_EQ(::chmod(key.c_str(), 0600), 0);
  const auto link = dir.path() / "link.key";
  std::filesystem::create_symlink(key, link);
  EXPECT_FALSE(ReadFileBounded(link, 100, FileAccess::private_only));
  EXPECT_EQ(ReadFileBounded(link, 100).value(), "seed");

  EXPECT_EQ(ReadFileBounded(dir.path(), 100).error(), FileErrc::not_regular);
  EXPECT_EQ(ReadFileBounded(key, 100, FileAccess::private_only).value(), "seed");
  EXPECT_EQ(make_error_code(FileErrc::readable_by_others).message(),
            "fichier secret lisible par d'autres (chmod 600) / secret file readable by others "
            "(chmod 600)");
}

TEST(FileTest, AFifoIsRefusedWithoutWaitingForAWriter) {
  test::TempDir dir;
  const auto fifo = dir.path() / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  for (const FileAccess access : {FileAccess::shared, FileAccess::private_only}) {
    auto read = std::async(std::launch::async, [&] { return ReadFileBounded(fifo, 100, access); });
    if (read.wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
      // The open is waiting for a writer: give it one, so that the test ends (failed).
      const UniqueFd writer(::open(fifo.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC));
      ADD_FAILURE() << "ReadFileBounded waited for a writer on a FIFO";
    }
    const auto result = read.get();
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error(), FileErrc::not_regular);
  }
}

TEST(FileTest, AFileThatGrowsPastItsSizeAtOpenIsStillReadOrRefused) {
  // /proc files say 0 bytes and have more: the buffer sized from fstat must grow.
  const auto status = ReadFileBounded("/proc/self/status", 1024 * 1024);
  ASSERT_TRUE(status) << status.error().message();
  EXPECT_NE(status.value().find("Name:"), std::string::npos);
  EXPECT_EQ(ReadFileBounded("/proc/self/status", 8).error(), boost::system::errc::file_too_large);
}

}  // namespace
}  // namespace minegate::base
