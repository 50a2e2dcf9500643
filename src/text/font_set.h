// The fonts of a document: families in order of preference (the fallback
// chain), each with a face per style, some only for given languages (the
// regional forms of CJK, Nastaliq for Urdu). Faces open on first use, so a
// digest that draws only Latin text opens only the Latin font.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "text/font.h"

namespace gz {

// The styles text is set in.
enum FontId : uint8_t { kRegular = 0, kBold = 1, kItalic = 2 };
inline constexpr int kFontCount = 3;

// A face of a FontSet, by index.
using FaceId = uint16_t;

// One family of the chain, by its files; bold and italic may be empty (the
// regular file stands in).
struct FamilyFiles {
  std::string name;
  std::string regular, bold, italic;
  unsigned index = 0;  // the face in a collection (.ttc), for every style
  // BCP 47 tags ("ja", "zh-Hant", "ur") of the text the family is for;
  // empty: any text. Matched on language and, when given, script, after
  // ICU's likely subtags ("zh-TW" is "zh-Hant-TW").
  std::vector<std::string> langs;
};

class FontSet {
 public:
  // Makes the faces of every family; opens none (see Face::font). Throws
  // Failure when there is no family.
  static FontSet load(const std::vector<FamilyFiles>& families);

  const Face& operator[](FaceId face) const { return *faces_[face]; }
  size_t size() const { return faces_.size(); }
  const std::vector<FamilyFiles>& families() const { return families_; }

  // The face of the first family for style: the one every piece of
  // Gazette's own text starts with, whose metrics set line heights.
  FaceId primary(FontId style) const { return family_faces_.front()[style]; }
  // The faces to try for text in style and language lang (a BCP 47 tag,
  // "" for none), in order.
  std::vector<FaceId> chain(FontId style, std::string_view lang) const;

 private:
  std::vector<std::unique_ptr<Face>> faces_;
  std::vector<FamilyFiles> families_;
  std::vector<std::array<FaceId, kFontCount>> family_faces_;
  // Per family: {language, script} pairs from langs, maximised.
  std::vector<std::vector<std::pair<std::string, std::string>>> family_langs_;
};

// "zh-TW" -> {"zh", "Hant"}: language and script after ICU's likely subtags.
std::pair<std::string, std::string> language_and_script(std::string_view bcp47);

}  // namespace gz
