// CSV for the run outputs (docs/outputs.md): escaping and number formatting
// for writing, a strict line-by-line reader for reading a run back
// (`overstretch graph --run`). RFC 4180: comma separated, fields quoted only
// when they contain a comma, a quote or a line break, lines end in "\n".
#pragma once

#include <cstdint>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace overstretch::cli {

// Shortest text that reads back as exactly `x` ("0.1", "1e-05", "3"); "" for
// NaN and infinities, which the outputs never claim to hold.
std::string FormatNumber(double x);
// The same text appended to `out`, without a string of its own (the writers'
// inner loops).
void AppendNumber(std::string& out, double x);

// Appends `field` to `out`, quoted when it has to be.
void AppendCsvField(std::string& out, std::string_view field);

// Splits one line (without its line break) into fields. False with *error
// on an unterminated or misplaced quote.
bool SplitCsvLine(std::string_view line, std::vector<std::string>* fields, std::string* error);

// Strict number parsing for files read back: the whole text must be a
// finite decimal number (or integer), no spaces.
std::optional<double> ParseFiniteDouble(std::string_view text);
std::optional<long long> ParseInteger(std::string_view text);

// Builds rows in memory and hands them to an ofstream in large blocks.
// Stream errors are sticky and reported by Close().
class CsvWriter {
 public:
  CsvWriter() = default;
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  // Creates (truncates) `path`. False with *error when it cannot.
  bool Open(const std::string& path, std::string* error);

  CsvWriter& Text(std::string_view field);
  CsvWriter& Number(double x);  // FormatNumber
  CsvWriter& Integer(long long x);
  CsvWriter& Empty();
  void EndRow();

  // Writes what is buffered, closes the file; false with *error on any
  // write error since Open.
  bool Close(std::string* error);

 private:
  void Separator();
  void FlushIfLarge();

  std::string path_;
  std::ofstream file_;
  std::string buffer_;
  bool row_started_ = false;
};

// Reads a CSV file one row at a time, keeping only the current row; lines
// longer than kMaxLine are an error rather than a memory hazard.
class CsvReader {
 public:
  static constexpr std::size_t kMaxLine = 1 << 20;

  // Opens `path` and reads its header row. False with *error ("FILE: ...").
  bool Open(const std::string& path, std::string* error);

  const std::vector<std::string>& header() const { return header_; }
  // Position of column `name` in the header, or nullopt.
  std::optional<std::size_t> Column(std::string_view name) const;

  // Reads the next row into *fields (exactly one field per header column).
  // Returns false at the end of the file (with *error empty) or on an error
  // (*error set, "FILE:LINE: ...").
  bool Next(std::vector<std::string>* fields, std::string* error);

  // "FILE:LINE" of the row last read.
  std::string Where() const;

 private:
  bool ReadLine(std::string* line, std::string* error);

  std::string path_;
  std::ifstream file_;
  std::vector<char> buffer_;
  std::vector<std::string> header_;
  long long line_ = 0;
};

}  // namespace overstretch::cli
