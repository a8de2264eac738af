#include "services/lambda/code/zip_archive.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <zip.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "tests/unit/lambda_code/zip_builder.h"

namespace preflight::lambda {
namespace {

namespace fs = std::filesystem;
using zip_test::make_zip;
using zip_test::TestEntry;

constexpr std::string_view kCorrupt =
    "Could not unzip uploaded file. Please check your file, then try to upload again.";
constexpr std::uint64_t kMiB = 1024 * 1024;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

fs::perms mode_of(const fs::path& path) {
  return fs::symlink_status(path).permissions() & fs::perms::mask;
}

std::string all_byte_values(std::size_t copies) {
  std::string out;
  for (std::size_t i = 0; i < copies; ++i) {
    for (int b = 0; b < 256; ++b) {
      out.push_back(static_cast<char>(b));
    }
  }
  return out;
}

class ZipArchiveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto pattern = (fs::path(::testing::TempDir()) / "lambda_code-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
  }
  void TearDown() override { fs::remove_all(root_); }

  // What the parent directory holds: staging directories must never be left behind.
  std::vector<std::string> listing() const {
    std::vector<std::string> names;
    for (const auto& item : fs::directory_iterator(root_)) {
      names.push_back(item.path().filename().string());
    }
    return names;
  }

  // The message both inspect_zip and extract_zip refuse `zip` with ("" when accepted), checking
  // that a refused extraction leaves nothing behind.
  std::string refusal(const std::string& zip, const ZipLimits& limits = {}) {
    std::string inspected;
    try {
      inspect_zip(zip, limits);
    } catch (const ZipError& e) {
      inspected = e.what();
    }
    std::string extracted;
    try {
      extract_zip(zip, root_ / "code", limits);
      fs::remove_all(root_ / "code");
    } catch (const ZipError& e) {
      extracted = e.what();
    }
    EXPECT_EQ(inspected, extracted);
    EXPECT_TRUE(listing().empty());
    return inspected;
  }

  fs::path root_;
};

TEST_F(ZipArchiveTest, TreeRoundTripsByteForByte) {
  const auto blob = all_byte_values(1000);
  const std::string handler = "def handler(event, context):\n    return 1\n";
  const std::string helper = "X = 1\n";
  const std::string deep = "no directory entries above me";
  const auto zip = make_zip({{"index.py", handler},
                             {"lib/", ""},
                             {"lib/helper.py", helper},
                             {"lib/data/blob.bin", blob},
                             {"implied/deeper/file.txt", deep},
                             {"empty.txt", ""}});
  const auto summary = inspect_zip(zip);
  EXPECT_EQ(summary.entries, 6u);
  EXPECT_EQ(summary.unzipped_bytes, handler.size() + helper.size() + blob.size() + deep.size());

  const auto code = root_ / "code";
  extract_zip(zip, code);
  EXPECT_EQ(read_file(code / "index.py"), handler);
  EXPECT_EQ(read_file(code / "lib/helper.py"), helper);
  EXPECT_EQ(read_file(code / "lib/data/blob.bin"), blob);
  EXPECT_EQ(read_file(code / "implied/deeper/file.txt"), deep);
  EXPECT_TRUE(fs::is_regular_file(code / "empty.txt"));
  EXPECT_EQ(fs::file_size(code / "empty.txt"), 0u);
  for (const auto& dir : {code, code / "lib", code / "lib/data", code / "implied/deeper"}) {
    EXPECT_TRUE(fs::is_directory(dir)) << dir;
    EXPECT_EQ(mode_of(dir), static_cast<fs::perms>(0755)) << dir;
  }
  EXPECT_EQ(mode_of(code / "index.py"), static_cast<fs::perms>(0644));
  EXPECT_EQ(listing(), std::vector<std::string>{"code"});
}

TEST_F(ZipArchiveTest, TargetWithTrailingSlashAndMissingParents) {
  extract_zip(make_zip({{"a.txt", "a"}}), root_ / "cache/fn/abc/");
  EXPECT_EQ(read_file(root_ / "cache/fn/abc/a.txt"), "a");
}

TEST_F(ZipArchiveTest, ExecuteBitDecidesTheMode) {
  const auto zip = make_zip({{"bootstrap", "#!/bin/sh\n", S_IFREG | 0755},
                             {"bin/run.sh", "#!/bin/sh\n", S_IFREG | 0700},
                             {"group_only", "x", S_IFREG | 0610},
                             {"plain.txt", "x", S_IFREG | 0600},
                             {"made_on_dos.txt", "x", std::nullopt, true}});
  const auto code = root_ / "code";
  extract_zip(zip, code);
  EXPECT_EQ(mode_of(code / "bootstrap"), static_cast<fs::perms>(0755));
  EXPECT_EQ(mode_of(code / "bin/run.sh"), static_cast<fs::perms>(0755));
  EXPECT_EQ(mode_of(code / "group_only"), static_cast<fs::perms>(0755));
  EXPECT_EQ(mode_of(code / "plain.txt"), static_cast<fs::perms>(0644));
  EXPECT_EQ(mode_of(code / "made_on_dos.txt"), static_cast<fs::perms>(0644));
}

TEST_F(ZipArchiveTest, RefusesNamesThatEscape) {
  for (const auto* name : {"../evil", "a/../../x", "a/../b", "..", "/abs", "/etc/passwd", "./.."}) {
    EXPECT_EQ(refusal(make_zip({{"ok.txt", "fine"}, {name, "x"}})),
              "Zip entry '" + std::string(name) + "' escapes the code directory.");
  }
  EXPECT_EQ(refusal(make_zip({{"a\\..\\evil", "x"}})),
            "Zip entry 'a\\..\\evil' contains a backslash; use '/' to separate directories.");
}

TEST_F(ZipArchiveTest, RefusesNamesTheFileSystemCannotHold) {
  const std::string long_part(256, 'n');
  EXPECT_EQ(refusal(make_zip({{"dir/" + long_part, "x"}})),
            "Zip entry 'dir/" + long_part.substr(0, 196) +
                "...' has a path component longer than 255 bytes.");
  std::string deep;
  for (int i = 0; i < 103; ++i) {
    deep += "directory/";
  }
  EXPECT_EQ(refusal(make_zip({{deep + "x", "x"}})),
            "Zip entry '" + deep.substr(0, 200) + "...' has a name longer than 1024 bytes.");
}

TEST_F(ZipArchiveTest, DotComponentsAreHarmless) {
  const auto code = root_ / "code";
  extract_zip(make_zip({{"./", ""}, {"./a//b.txt", "b"}}), code);
  EXPECT_EQ(read_file(code / "a/b.txt"), "b");
}

TEST_F(ZipArchiveTest, RefusesSymbolicLinks) {
  EXPECT_EQ(refusal(make_zip({{"link", "/etc/passwd", S_IFLNK | 0777}})),
            "Zip entry 'link' is a symbolic link; symbolic links are not supported.");
  EXPECT_EQ(refusal(make_zip({{"dir/", "", S_IFDIR | 0755}, {"dir/up", "..", S_IFLNK | 0777}})),
            "Zip entry 'dir/up' is a symbolic link; symbolic links are not supported.");
}

TEST_F(ZipArchiveTest, RefusesTwoEntriesForOnePath) {
  // libzip will not write a duplicate name, so write two and rename one in the bytes.
  const auto zip = make_zip({{"dup_a.txt", "first"}, {"dup_b.txt", "second"}});
  EXPECT_EQ(refusal(zip_test::with_renamed(zip, "dup_b.txt", "dup_a.txt")),
            "Zip entry 'dup_a.txt' appears more than once.");
  EXPECT_EQ(refusal(make_zip({{"a/b", "1"}, {"a/./b", "2"}})),
            "Zip entry 'a/./b' appears more than once.");
  EXPECT_EQ(refusal(make_zip({{"a", "file"}, {"a/b", "2"}})),
            "Zip entry 'a/b' is inside a path that another entry writes as a file.");
  EXPECT_EQ(refusal(make_zip({{"a/b", "1"}, {"a", "file"}})),
            "Zip entry 'a' is both a file and a directory.");
  EXPECT_EQ(refusal(make_zip({{"a/b", "1"}, {"a/", ""}})), "");  // explicit after implied
}

TEST_F(ZipArchiveTest, RefusesWhatIsNotAZip) {
  EXPECT_EQ(refusal("this is not a zip file at all"), kCorrupt);
  const auto zip = make_zip({{"a.txt", all_byte_values(100)}, {"b.txt", "b"}});
  EXPECT_EQ(refusal(zip.substr(0, zip.size() / 2)), kCorrupt);
}

TEST_F(ZipArchiveTest, DamagedDataIsFoundWhileExtracting) {
  auto zip = make_zip({{"a.txt", all_byte_values(100)}, {"b.txt", "b"}});
  zip[zip.find("a.txt") + 40] ^= 0x55;  // inside a.txt's compressed data
  EXPECT_NO_THROW(inspect_zip(zip));    // the central directory is intact
  try {
    extract_zip(zip, root_ / "code");
    FAIL() << "extracted damaged data";
  } catch (const ZipError& e) {
    EXPECT_EQ(std::string(e.what()), kCorrupt);
  }
  EXPECT_TRUE(listing().empty());
}

TEST_F(ZipArchiveTest, RefusesEmptyInput) {
  EXPECT_EQ(refusal(""), "Uploaded file must be a non-empty zip.");
  const std::string no_entries = std::string("PK\x05\x06", 4) + std::string(18, '\0');
  EXPECT_EQ(refusal(no_entries), "Uploaded file must be a non-empty zip.");
}

TEST_F(ZipArchiveTest, RefusesDeclaredSizesOverTheLimit) {
  ZipLimits limits;
  limits.max_unzipped_bytes = 10 * kMiB;
  limits.max_ratio = 1000000;  // only the sizes are on trial here
  EXPECT_EQ(refusal(make_zip({{"zeros", std::string(20 * kMiB, '\0')}}), limits),
            "The unzipped code would exceed 10485760 bytes.");
  // No one file is too big; together they are.
  const std::string part(4 * kMiB, 'x');
  EXPECT_EQ(refusal(make_zip({{"a", part}, {"b", part}, {"c", part}}), limits),
            "The unzipped code would exceed 10485760 bytes.");
}

TEST_F(ZipArchiveTest, RefusesCompressionRatiosOfZipBombs) {
  EXPECT_EQ(refusal(make_zip({{"zeros", std::string(2 * kMiB, '\0')}})),
            "Zip entry 'zeros' is compressed more than 200 to 1, which is not allowed.");
  // Small entries are not judged by their ratio: a file of spaces is fine.
  EXPECT_EQ(refusal(make_zip({{"spaces", std::string(kMiB, ' ')}})), "");
}

TEST_F(ZipArchiveTest, StopsWhenTheDataOutgrowsDeclaredSizes) {
  // Headers that declare 1000 bytes for 4 MiB of data pass inspection; extraction must stop
  // counting real bytes, well before the 1 MiB limit, and leave nothing.
  ZipLimits limits;
  limits.max_unzipped_bytes = kMiB;
  const auto zip = zip_test::with_declared_size(
      make_zip({{"small.txt", "ok"}, {"liar", std::string(4 * kMiB, '\0')}}), "liar", 1000);
  EXPECT_EQ(inspect_zip(zip, limits).unzipped_bytes, 1002u);
  try {
    extract_zip(zip, root_ / "code", limits);
    FAIL() << "extracted a zip whose data outgrows its headers";
  } catch (const ZipError& e) {
    EXPECT_EQ(std::string(e.what()), "Zip entry 'liar' holds more data than its declared size.");
  }
  EXPECT_FALSE(fs::exists(root_ / "code"));
  EXPECT_TRUE(listing().empty());
}

TEST_F(ZipArchiveTest, LimitsTheNumberOfEntries) {
  const auto zip = make_zip({{"d/", ""}, {"d/1", "1"}, {"d/2", "2"}, {"3", "3"}, {"4", "4"}});
  ZipLimits limits;
  limits.max_entries = 4;
  EXPECT_EQ(refusal(zip, limits), "The zip has more than 4 entries.");
  limits.max_entries = 5;
  EXPECT_EQ(refusal(zip, limits), "");
}

TEST_F(ZipArchiveTest, RefusesEncryptedEntries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(buffer);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  ASSERT_NE(archive, nullptr);
  const std::string data = "secret";
  const auto index =
      zip_file_add(archive, "secret.txt", zip_source_buffer(archive, data.data(), data.size(), 0),
                   ZIP_FL_ENC_UTF_8);
  ASSERT_GE(index, 0);
  if (zip_file_set_encryption(archive, static_cast<zip_uint64_t>(index), ZIP_EM_AES_256, "pw") !=
      0) {
    zip_discard(archive);
    zip_source_free(buffer);
    GTEST_SKIP() << "this libzip cannot encrypt";
  }
  ASSERT_EQ(zip_close(archive), 0);
  ASSERT_EQ(zip_source_open(buffer), 0);
  std::string zip(4096, '\0');
  zip.resize(static_cast<std::size_t>(zip_source_read(buffer, zip.data(), zip.size())));
  zip_source_close(buffer);
  zip_source_free(buffer);
  EXPECT_EQ(refusal(zip), "Zip entry 'secret.txt' is encrypted; encrypted zips are not supported.");
}

TEST_F(ZipArchiveTest, NeverWritesIntoAnExistingDirectory) {
  const auto code = root_ / "code";
  fs::create_directories(code);
  std::ofstream(code / "keep.txt") << "keep";
  try {
    extract_zip(make_zip({{"keep.txt", "overwritten"}}), code);
    FAIL() << "extracted into an existing directory";
  } catch (const fs::filesystem_error& e) {
    EXPECT_EQ(e.code(), std::errc::file_exists);
  }
  EXPECT_EQ(read_file(code / "keep.txt"), "keep");
  EXPECT_EQ(listing(), std::vector<std::string>{"code"});
}

TEST_F(ZipArchiveTest, ConcurrentExtractionsOfOneDirectoryLeaveOneWinner) {
  const auto zip = make_zip({{"bootstrap", "#!/bin/sh\n", S_IFREG | 0755}, {"lib/x", "x"}});
  std::atomic<int> won = 0;
  std::atomic<int> lost = 0;
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      try {
        extract_zip(zip, root_ / "code");
        ++won;
      } catch (const fs::filesystem_error& e) {
        if (e.code() == std::errc::file_exists) {
          ++lost;
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(lost.load(), 3);
  EXPECT_EQ(read_file(root_ / "code/lib/x"), "x");
  EXPECT_EQ(listing(), std::vector<std::string>{"code"});
}

TEST(CodeSha256, IsBase64OfTheSha256OfTheZipBytes) {
  EXPECT_EQ(code_sha256(""), "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  EXPECT_EQ(code_sha256("abc"), "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
}

}  // namespace
}  // namespace preflight::lambda
