#include "pdf/pdf_info.h"

#include <string>

#include "base/date.h"

namespace gz {

HPDF_Date to_hpdf_date(int64_t t) {
  int64_t days = t / 86400;
  int64_t secs = t % 86400;
  if (secs < 0) secs += 86400, --days;  // floor division for times before 1970
  Ymd ymd = Date::from_days(days).ymd();
  HPDF_Date d{};
  d.year = ymd.year;
  d.month = ymd.month;
  d.day = ymd.day;
  d.hour = static_cast<HPDF_INT>(secs / 3600);
  d.minutes = static_cast<HPDF_INT>(secs / 60 % 60);
  d.seconds = static_cast<HPDF_INT>(secs % 60);
  d.ind = 'Z';
  return d;
}

void set_document_info(HpdfDoc& doc, const Digest& info) {
  // Info strings go through the document's current encoder: with UTF-8,
  // libharu 2.3.0 writes proper UTF-16BE strings with a BOM.
  HPDF_SetCurrentEncoder(doc.get(), "UTF-8");
  const std::string producer = (info.creator.empty() ? std::string() : info.creator + " with ") +
                               "libharu " + HPDF_VERSION_TEXT;
  const std::pair<HPDF_InfoType, const std::string*> strings[] = {
      {HPDF_INFO_TITLE, &info.title},       {HPDF_INFO_SUBJECT, &info.subject},
      {HPDF_INFO_KEYWORDS, &info.keywords}, {HPDF_INFO_CREATOR, &info.creator},
      {HPDF_INFO_PRODUCER, &producer},
  };
  std::string scratch;
  for (const auto& [type, value] : strings) {
    if (!value->empty()) HPDF_SetInfoAttr(doc.get(), type, hpdf_text(*value, scratch));
  }
  if (info.creation_time != 0) {
    HPDF_Date date = to_hpdf_date(info.creation_time);
    HPDF_SetInfoDateAttr(doc.get(), HPDF_INFO_CREATION_DATE, date);
    HPDF_SetInfoDateAttr(doc.get(), HPDF_INFO_MOD_DATE, date);
  }
  doc.check("cannot set the document information");
}

}  // namespace gz
