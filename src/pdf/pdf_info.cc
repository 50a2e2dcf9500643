#include "pdf/pdf_info.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>

#include <cstdio>
#include <cstring>
#include <mutex>
#include <string>

#include "base/date.h"
#include "base/diag.h"
#include "base/markup.h"
#include "pdf/deflate.h"

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

std::string producer(const DocumentInfo& info) {
  return (info.creator.empty() ? std::string() : info.creator + " with ") + "libharu " +
         HPDF_VERSION_TEXT;
}

void set_document_info(HpdfDoc& doc, const Digest& digest, const DocumentInfo& info) {
  // Info strings go through the document's current encoder: with UTF-8,
  // libharu 2.3.0 writes proper UTF-16BE strings with a BOM.
  HPDF_SetCurrentEncoder(doc.get(), "UTF-8");
  const std::string producer = gz::producer(info);
  const std::pair<HPDF_InfoType, const std::string*> strings[] = {
      {HPDF_INFO_TITLE, &digest.title},     {HPDF_INFO_SUBJECT, &info.subject},
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

void ContentHash::add(std::string_view bytes) {
  // Eight bytes at a time: the content streams of a long digest are tens of
  // megabytes.
  uint64_t a = a_, b = b_;
  size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, bytes.data() + i, 8);
    a = (a ^ w) * 1099511628211ull;
    b = ((b ^ w) * 0x9e3779b97f4a7c15ull) ^ (b >> 29);
  }
  for (; i < bytes.size(); ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    a = (a ^ c) * 1099511628211ull;
    b = ((b ^ c) * 0x9e3779b97f4a7c15ull) ^ (b >> 29);
  }
  a_ = a, b_ = b;
}

std::string ContentHash::digest() const {
  std::string out(16, '\0');
  for (int i = 0; i < 8; ++i) {
    out[i] = static_cast<char>(a_ >> (56 - 8 * i));
    out[8 + i] = static_cast<char>(b_ >> (56 - 8 * i));
  }
  return out;
}

namespace {

// text as XML character data (libharu's BMP-only encoding applied first,
// so that the metadata says what the information dictionary says).
std::string xml(const std::string& text) {
  std::string scratch;
  return markup_escaped(hpdf_text(text, scratch));
}

std::string xmp_date(int64_t t) {
  const HPDF_Date d = to_hpdf_date(t);
  char s[32];
  std::snprintf(s, sizeof s, "%04d-%02d-%02dT%02d:%02d:%02dZ", d.year, d.month, d.day, d.hour,
                d.minutes, d.seconds);
  return s;
}

std::string alt(const char* name, const std::string& text) {
  return std::string(" <") + name + "><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml(text) +
         "</rdf:li></rdf:Alt></" + name + ">\n";
}

// The XMP packet (ISO 16684-1) of the document.
std::string xmp(const Digest& digest, const DocumentInfo& info) {
  std::string x =
      "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
      "<rdf:Description rdf:about=\"\"\n"
      " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
      " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
      " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
      " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
      " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"\n"
      " xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
      " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
      " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
      " <dc:format>application/pdf</dc:format>\n";
  if (!digest.title.empty()) x += alt("dc:title", digest.title);
  if (!info.subject.empty()) x += alt("dc:description", info.subject);
  if (!digest.lang.empty()) {
    x += " <dc:language><rdf:Bag><rdf:li>" + xml(digest.lang) +
         "</rdf:li></rdf:Bag></dc:language>\n";
  }
  if (!info.keywords.empty()) x += " <pdf:Keywords>" + xml(info.keywords) + "</pdf:Keywords>\n";
  x += " <pdf:Producer>" + xml(producer(info)) + "</pdf:Producer>\n";
  if (!info.creator.empty()) x += " <xmp:CreatorTool>" + xml(info.creator) + "</xmp:CreatorTool>\n";
  if (info.creation_time != 0) {
    const std::string date = xmp_date(info.creation_time);
    x += " <xmp:CreateDate>" + date + "</xmp:CreateDate>\n";
    x += " <xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n";
  }
  if (info.pdf_a)
    x += " <pdfaid:part>2</pdfaid:part>\n <pdfaid:conformance>A</pdfaid:conformance>\n";
  if (info.pdf_ua) x += " <pdfuaid:part>1</pdfuaid:part>\n";
  if (info.pdf_a && info.pdf_ua) {
    // PDF/A admits only the schemas it lists, or those the file describes:
    // pdfuaid is described here.
    x += " <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
         "  <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
         "  <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
         "  <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
         "  <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
         "   <pdfaProperty:name>part</pdfaProperty:name>\n"
         "   <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
         "   <pdfaProperty:category>internal</pdfaProperty:category>\n"
         "   <pdfaProperty:description>Indicates, which part of ISO 14289 standard is "
         "followed</pdfaProperty:description>\n"
         "  </rdf:li></rdf:Seq></pdfaSchema:property>\n"
         " </rdf:li></rdf:Bag></pdfaExtension:schemas>\n";
  }
  x += "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>\n";
  return x;
}

// The ICC profile deflated: every PDF of a run embeds the same profile
// (20 KB), deflated once per run and profile (zlib deflated it for each
// PDF as libharu saved: 6 % of a 120-PDF batch's instructions).
std::string deflated_profile(const std::string& profile) {
  static std::mutex mutex;
  static std::string last_profile, last_deflated;
  std::lock_guard lock(mutex);
  if (profile != last_profile || last_deflated.empty()) {
    Deflater deflater(Deflater::kBestLevel);
    last_deflated = std::string(deflater.zlib(profile));
    last_profile = profile;
  }
  return last_deflated;
}

}  // namespace

void set_standards(HpdfDoc& doc, const Digest& digest, const DocumentInfo& info,
                   const ContentHash& hash) {
  HPDF_MMgr mmgr = doc.get()->mmgr;
  HPDF_Dict catalog = doc.get()->catalog;

  // Metadata: not compressed, so that archives and search tools read it.
  const std::string packet = xmp(digest, info);
  HPDF_Dict meta = HPDF_DictStream_New(mmgr, doc.get()->xref);
  HPDF_Dict_AddName(meta, "Type", "Metadata");
  HPDF_Dict_AddName(meta, "Subtype", "XML");
  HPDF_Stream_Write(meta->stream, reinterpret_cast<const HPDF_BYTE*>(packet.data()),
                    static_cast<HPDF_UINT>(packet.size()));
  HPDF_Dict_Add(catalog, "Metadata", meta);

  // /ID: the same two halves, from what the document shows and says.
  ContentHash h = hash;
  h.add(packet);
  const std::string id = h.digest();
  HPDF_Array ids = HPDF_Array_New(mmgr);
  for (int i = 0; i < 2; ++i) {
    HPDF_Array_Add(ids,
                   HPDF_Binary_New(mmgr, reinterpret_cast<HPDF_BYTE*>(const_cast<char*>(id.data())),
                                   static_cast<HPDF_UINT>(id.size())));
  }
  HPDF_Dict_Add(doc.get()->trailer, "ID", ids);

  if (info.pdf_a) {
    if (info.icc_profile.empty()) fail_runtime("libharu", "PDF/A needs an ICC profile");
    HPDF_Dict profile = deflated_stream(doc, deflated_profile(info.icc_profile));
    HPDF_Dict_AddNumber(profile, "N", 3);
    HPDF_Dict intent = HPDF_Dict_New(mmgr);
    HPDF_Dict_AddName(intent, "Type", "OutputIntent");
    HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
    HPDF_Dict_Add(intent, "OutputConditionIdentifier",
                  HPDF_String_New(mmgr, "sRGB IEC61966-2.1", nullptr));
    HPDF_Dict_Add(intent, "Info", HPDF_String_New(mmgr, "sRGB IEC61966-2.1", nullptr));
    HPDF_Dict_Add(intent, "DestOutputProfile", profile);
    HPDF_Array intents = HPDF_Array_New(mmgr);
    HPDF_Array_Add(intents, intent);
    HPDF_Dict_Add(catalog, "OutputIntents", intents);
  }
  doc.check("cannot write the metadata");
}

}  // namespace gz
