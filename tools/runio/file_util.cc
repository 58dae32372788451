#include "tools/runio/file_util.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>

namespace overstretch::cli {

namespace fs = std::filesystem;

namespace {

// Writes all of `text` to `fd`; false with errno set on failure.
bool WriteAll(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = EIO;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

bool WriteFileAtomically(const fs::path& path, const std::string& text, std::string* error) {
  std::error_code ec;
  if (path.empty() || fs::is_directory(path, ec)) {
    *error = fmt::format("'{}' is a directory or empty: name a file", path.string());
    return false;
  }
  // The pid keeps two processes writing the same destination apart.
  fs::path temp = path;
  temp += fmt::format(".tmp-{}", static_cast<long long>(::getpid()));
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) {
    *error = fmt::format("cannot write {}: {}", path.string(), std::strerror(errno));
    return false;
  }
  const bool written = WriteAll(fd, text);
  const int write_errno = errno;
  const bool closed = ::close(fd) == 0;
  if (!written || !closed) {
    const int why = !written ? write_errno : errno;
    fs::remove(temp, ec);
    *error = fmt::format("cannot write {}: {}", path.string(), std::strerror(why));
    return false;
  }
  fs::rename(temp, path, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    *error = fmt::format("cannot write {}: {}", path.string(), ec.message());
    return false;
  }
  return true;
}

std::string SafeName(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    out.push_back(std::isalnum(c) || c == '-' || c == '_' || c == '.' ? static_cast<char>(c) : '_');
    if (out.size() >= 64) break;
  }
  if (out.empty() || out[0] == '.') out.insert(0, "scenario");
  return out;
}

bool IsDecimal(const std::string& text, bool signed_ok) {
  const std::size_t start = signed_ok && !text.empty() && text[0] == '-' ? 1 : 0;
  if (text.size() == start || text.size() > 24) return false;
  return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(start), text.end(),
                     [](unsigned char c) { return std::isdigit(c) != 0; });
}

}  // namespace overstretch::cli
