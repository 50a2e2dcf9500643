// The compose phase: selected bulletins become a Digest (layout/digest.h),
// the input of layout, with every word already in the report locale: the
// groups and their order, cross-references, dates, source lines, the
// cover's text and the "At a glance" counts.
#pragma once

#include <vector>

#include "corpus/bulletin.h"
#include "intl/format.h"
#include "layout/digest.h"
#include "select/resolve.h"

namespace gz {

// What a digest is about, in the report language, beyond its pages: the
// words of the PDF's document information, which app/ puts in the
// writer's DocumentInfo (compose does not see pdf/).
struct DigestAbout {
  std::string subject;   // "July 2021 — Central America"
  std::string keywords;  // the groups' names, "Other" not: "Guatemala, Honduras"
};

// Throws Failure (exit 2) when the digest of selected would hold more than
// limits::kMaxDigestEntries entries or kMaxDigestBytes of text: checked as
// soon as a variant's bulletins are selected, before any is composed.
void check_digest_size(const Spec& spec, const Selection& sel,
                       const std::vector<const Bulletin*>& selected);

// Groups by country (a bulletin naming several selected countries is
// printed in the first of its groups and cross-referenced in the others,
// or, with [layout] repeat_multi_country, printed under each), groups sorted by name with the
// report locale's collator, then "Other" (the catalogue's other_group) for bulletins naming no
// country, newest bulletin first within a group; page numbers in the locale's digits, the footer
// from the catalogue's page_of. With about, also what the digest is about. Throws Failure (exit
// 2) when the digest would hold more than limits::kMaxDigestEntries entries or kMaxDigestBytes
// of text. The items refer to the bulletins' paragraphs (DigestItem::shared_paragraphs), not
// copies: the bulletins of selected must outlive the digest.
Digest build_digest(const Spec& spec, const Selection& sel, const Period& period,
                    const std::vector<const Bulletin*>& selected, const intl::Formatter& fmt,
                    DigestAbout* about = nullptr);

// How page numbers are written in fmt's locale: its digits, and the
// catalogue's page_of ("Page {page} of {pages}") cut at its arguments.
// Throws std::logic_error when page_of has other arguments, or a plural.
PageNumbers page_numbers(const intl::Formatter& fmt);

}  // namespace gz
