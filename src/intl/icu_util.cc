#include "intl/icu_util.h"

#include <unicode/gregocal.h>
#include <unicode/timezone.h>

#include <stdexcept>

namespace gz::intl::detail {

icu::UnicodeString to_ustring(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

void check(UErrorCode status, const char* what) {
  if (U_FAILURE(status)) {
    throw std::runtime_error(std::string("ICU: ") + what + ": " + u_errorName(status));
  }
}

icu::Locale make_locale(const std::string& id) { return icu::Locale::createCanonical(id.c_str()); }

icu::Locale gregorian_locale(const std::string& id) {
  icu::Locale loc = make_locale(id);
  UErrorCode status = U_ZERO_ERROR;
  loc.setKeywordValue("calendar", "gregorian", status);
  check(status, "setting the calendar keyword");
  return loc;
}

std::unique_ptr<icu::Calendar> gmt_calendar(const icu::Locale& loc) {
  UErrorCode status = U_ZERO_ERROR;
  auto cal = std::make_unique<icu::GregorianCalendar>(*icu::TimeZone::getGMT(), loc, status);
  check(status, "creating a calendar");
  cal->setGregorianChange(-8.64e15, status);  // U_DATE_MIN: proleptic
  check(status, "making the calendar proleptic");
  cal->setLenient(false);
  return cal;
}

}  // namespace gz::intl::detail
