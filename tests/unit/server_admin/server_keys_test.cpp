// The server's sealing keys: created once, reused, never overwritten, private, and able to open
// what kiosks seal.
#include "server/admin/server_keys.hpp"

#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "proto/credential/hex.hpp"
#include "proto/credential/signing_key.hpp"
#include "server/admin/error.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::server::admin {
namespace {

using Bytes = std::vector<std::uint8_t>;

std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteText(const std::filesystem::path& path, const std::string& text, mode_t mode) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  ASSERT_EQ(::chmod(path.c_str(), mode), 0);
}

mode_t ModeOf(const std::filesystem::path& path) {
  struct stat status {};
  EXPECT_EQ(::stat(path.c_str(), &status), 0) << path;
  return status.st_mode & 07777;
}

Bytes Seal(const SealingPublicKey& key, const Bytes& message) {
  EXPECT_GE(sodium_init(), 0);
  Bytes sealed(message.size() + crypto_box_SEALBYTES);
  crypto_box_seal(sealed.data(), message.data(), message.size(), key.data());
  return sealed;
}

class ServerKeysTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(dir_.ok()); }

  std::filesystem::path SecretPath() const { return ServerKeys::SecretKeyPath(dir_.path()); }
  std::filesystem::path PublicPath() const { return ServerKeys::PublicKeyPath(dir_.path()); }

  minegate::test::TempDir dir_{"keys"};
};

TEST_F(ServerKeysTest, FirstStartCreatesPrivateFiles) {
  auto keys = ServerKeys::LoadOrCreate(dir_.path());
  ASSERT_TRUE(keys) << keys.error().message();
  EXPECT_EQ(ModeOf(dir_.path() / "keys"), 0700);
  EXPECT_EQ(ModeOf(SecretPath()), 0600);
  EXPECT_EQ(ModeOf(PublicPath()), 0644);
  EXPECT_EQ(ReadText(PublicPath()), credential::ToHex(keys.value().public_key()) + "\n");
  EXPECT_EQ(ReadText(SecretPath()).size(), 65u);
  EXPECT_EQ(keys.value().key_id(), credential::KeyIdOf(keys.value().public_key()));
  // No temporary file left behind.
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry :
       std::filesystem::directory_iterator(dir_.path() / "keys")) {
    ++files;
  }
  EXPECT_EQ(files, 2u);
}

TEST_F(ServerKeysTest, LaterStartsReuseTheSameKey) {
  const SealingPublicKey first = ServerKeys::LoadOrCreate(dir_.path()).value().public_key();
  const std::string secret = ReadText(SecretPath());
  auto again = ServerKeys::LoadOrCreate(dir_.path());
  ASSERT_TRUE(again) << again.error().message();
  EXPECT_EQ(again.value().public_key(), first);
  EXPECT_EQ(ReadText(SecretPath()), secret);
  auto loaded = ServerKeys::Load(dir_.path());
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded.value().public_key(), first);
}

TEST_F(ServerKeysTest, ACorruptKeyIsNeverReplaced) {
  ASSERT_TRUE(ServerKeys::LoadOrCreate(dir_.path()));
  WriteText(SecretPath(), "not a key\n", 0600);
  auto keys = ServerKeys::LoadOrCreate(dir_.path());
  ASSERT_FALSE(keys);
  EXPECT_EQ(keys.error(), Errc::key_file_corrupt);
  EXPECT_EQ(ReadText(SecretPath()), "not a key\n");
}

TEST_F(ServerKeysTest, APublicKeyWithoutItsSecretIsNotPaperedOver) {
  const SealingPublicKey first = ServerKeys::LoadOrCreate(dir_.path()).value().public_key();
  std::filesystem::remove(SecretPath());
  auto keys = ServerKeys::LoadOrCreate(dir_.path());
  ASSERT_FALSE(keys);
  EXPECT_EQ(keys.error(), Errc::key_files_inconsistent);
  EXPECT_FALSE(std::filesystem::exists(SecretPath()));
  EXPECT_EQ(ReadText(PublicPath()), credential::ToHex(first) + "\n");
}

TEST_F(ServerKeysTest, AMismatchedPublicKeyIsRefused) {
  ASSERT_TRUE(ServerKeys::LoadOrCreate(dir_.path()));
  WriteText(PublicPath(), std::string(64, 'a') + "\n", 0644);
  EXPECT_EQ(ServerKeys::LoadOrCreate(dir_.path()).error(), Errc::key_files_inconsistent);
  EXPECT_EQ(ServerKeys::Load(dir_.path()).error(), Errc::key_files_inconsistent);
}

TEST_F(ServerKeysTest, AMissingPublicKeyIsRewrittenFromTheSecret) {
  const SealingPublicKey first = ServerKeys::LoadOrCreate(dir_.path()).value().public_key();
  std::filesystem::remove(PublicPath());
  auto loaded = ServerKeys::Load(dir_.path());  // reads, never writes
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded.value().public_key(), first);
  EXPECT_FALSE(std::filesystem::exists(PublicPath()));
  ASSERT_TRUE(ServerKeys::LoadOrCreate(dir_.path()));
  EXPECT_EQ(ReadText(PublicPath()), credential::ToHex(first) + "\n");
}

TEST_F(ServerKeysTest, ASecretKeyOthersCanReadIsRefused) {
  ASSERT_TRUE(ServerKeys::LoadOrCreate(dir_.path()));
  ASSERT_EQ(::chmod(SecretPath().c_str(), 0640), 0);
  EXPECT_EQ(ServerKeys::LoadOrCreate(dir_.path()).error(), Errc::key_file_insecure);
  EXPECT_EQ(ServerKeys::Load(dir_.path()).error(), Errc::key_file_insecure);
}

TEST_F(ServerKeysTest, LoadDoesNotCreate) {
  EXPECT_EQ(ServerKeys::Load(dir_.path()).error(), Errc::key_file_io);
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "keys"));
}

TEST_F(ServerKeysTest, AMissingDataDirectoryIsAnError) {
  EXPECT_EQ(ServerKeys::LoadOrCreate(dir_.path() / "absent").error(), Errc::key_file_io);
}

TEST_F(ServerKeysTest, ConcurrentFirstStartsAgreeOnOneKey) {
  constexpr int kThreads = 8;
  std::vector<SealingPublicKey> seen(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      auto keys = ServerKeys::LoadOrCreate(dir_.path());
      if (keys) seen[static_cast<std::size_t>(i)] = keys.value().public_key();
    });
  }
  for (std::thread& thread : threads) thread.join();
  const SealingPublicKey on_disk = ServerKeys::Load(dir_.path()).value().public_key();
  for (const SealingPublicKey& key : seen) EXPECT_EQ(key, on_disk);
}

TEST_F(ServerKeysTest, OpensWhatWasSealedToIt) {
  auto keys = ServerKeys::LoadOrCreate(dir_.path());
  ASSERT_TRUE(keys);
  const Bytes message = {'A', 'w', 'a', ' ', 'D', 'i', 'a', 'l', 'l', 'o'};
  auto opened = keys.value().Open(Seal(keys.value().public_key(), message));
  ASSERT_TRUE(opened) << opened.error().message();
  EXPECT_EQ(opened.value(), message);

  auto empty = keys.value().Open(Seal(keys.value().public_key(), {}));
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty.value().empty());

  // Reloaded from disk, the key still opens it.
  auto reloaded = ServerKeys::Load(dir_.path());
  ASSERT_TRUE(reloaded);
  EXPECT_EQ(reloaded.value().Open(Seal(keys.value().public_key(), message)).value(), message);
}

TEST_F(ServerKeysTest, GarbageAlteredOrForeignBoxesAreRefused) {
  auto keys = ServerKeys::LoadOrCreate(dir_.path());
  ASSERT_TRUE(keys);
  const Bytes message = {1, 2, 3, 4, 5};
  Bytes altered = Seal(keys.value().public_key(), message);
  altered.back() ^= 0x01;
  EXPECT_EQ(keys.value().Open(altered).error(), Errc::sealed_box_invalid);
  EXPECT_EQ(keys.value().Open(Bytes(10, 0x42)).error(), Errc::sealed_box_invalid);
  EXPECT_EQ(keys.value().Open(Bytes()).error(), Errc::sealed_box_invalid);
  EXPECT_EQ(keys.value().Open(Bytes(200, 0x42)).error(), Errc::sealed_box_invalid);

  SealingPublicKey other{};
  std::array<std::uint8_t, kSealingKeySize> other_secret{};
  crypto_box_keypair(other.data(), other_secret.data());
  EXPECT_EQ(keys.value().Open(Seal(other, message)).error(), Errc::sealed_box_invalid);

  EXPECT_EQ(keys.value().Open(Bytes(kMaxSealedBytes + 1, 0)).error(), Errc::sealed_box_too_large);
}

}  // namespace
}  // namespace minegate::server::admin
