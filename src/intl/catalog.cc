#include "intl/catalog.h"

#include <array>

namespace gz::intl::detail {
namespace {

constexpr std::array<std::string_view, 5> kLanguages = {"en", "es", "fr", "pt", "ar"};

struct Row {
  std::string_view key;
  std::array<std::string_view, kLanguages.size()> text;  // in kLanguages order
};

// English says "=1" rather than "one": other languages fall back to these
// words but format with their own locale, whose plural rules would give
// "21 bulletin" in Russian. For whole numbers "=1" is English's "one".
constexpr Row kRows[] = {
    {"bulletins",
     {"{count, plural, =1 {# bulletin} other {# bulletins}}",
      "{count, plural, one {# boletín} other {# boletines}}",
      "{count, plural, one {# bulletin} other {# bulletins}}",
      "{count, plural, one {# boletim} other {# boletins}}",
      "{count, plural, zero {لا توجد نشرات} one {نشرة واحدة} two {نشرتان} few {# نشرات} "
      "many {# نشرة} other {# نشرة}}"}},
    {"page_of",
     {"Page {page} of {pages}", "Página {page} de {pages}", "Page {page} sur {pages}",
      "Página {page} de {pages}", "الصفحة {page} من {pages}"}},
    {"no_bulletins",
     {"No bulletins in this period.", "No hay boletines en este periodo.",
      "Aucun bulletin pour cette période.", "Nenhum boletim neste período.",
      "لا توجد نشرات في هذه الفترة."}},
    {"contents", {"Contents", "Índice", "Sommaire", "Índice", "المحتويات"}},
    {"regions_label", {"Regions", "Regiones", "Régions", "Regiões", "المناطق"}},
    {"period_label", {"Period", "Periodo", "Période", "Período", "الفترة"}},
    // Email delivery (issue 5): the last line of a digest's email body.
    {"email_attached",
     {"The digest is attached as a PDF.", "El resumen va adjunto en PDF.",
      "Le résumé est joint au format PDF.", "O resumo segue em anexo em PDF.",
      "الملخص مرفق بصيغة PDF."}},
};

}  // namespace

std::vector<Message> catalog(std::string_view language) {
  size_t column = 0;  // English
  for (size_t i = 0; i < kLanguages.size(); ++i) {
    if (kLanguages[i] == language) column = i;
  }
  std::vector<Message> messages;
  for (const Row& row : kRows) messages.push_back({row.key, row.text[column]});
  return messages;
}

}  // namespace gz::intl::detail
