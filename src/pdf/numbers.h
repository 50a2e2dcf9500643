// Numbers as Gazette writes them in PDF text: the same bytes for the same
// value on every machine (no locale, no printf).
#pragma once

#include <cmath>
#include <string>

namespace gz {

// Decimal digits of v.
inline void append_uint(unsigned long long v, std::string& out) {
  char d[20];
  int n = 0;
  do {
    d[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0) out += d[--n];
}

inline void append_int(long long v, std::string& out) {
  if (v < 0) out += '-';
  append_uint(
      v < 0 ? 0ull - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v), out);
}

// A real number: at most three decimals, no trailing zeros.
inline void append_number(double v, std::string& out) {
  long long milli = std::llround(v * 1000.0);
  if (milli < 0) {
    out += '-';
    milli = -milli;
  }
  append_uint(static_cast<unsigned long long>(milli / 1000), out);
  if (const long long frac = milli % 1000; frac != 0) {
    const char d[4] = {'.', static_cast<char>('0' + frac / 100),
                       static_cast<char>('0' + frac / 10 % 10), static_cast<char>('0' + frac % 10)};
    size_t n = 4;
    while (d[n - 1] == '0') --n;
    out.append(d, n);
  }
}

}  // namespace gz
