#include "pdf/outline.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>

#include <string>

#include "pdf/numbers.h"

namespace gz {

namespace {

void ref(uint32_t num, std::string& out) {
  out += std::to_string(num);
  out += " 0 R";
}

}  // namespace

void OutlineWriter::prepare(HpdfDoc& doc) {
  HPDF_Dict root = HPDF_Dict_New(doc.get()->mmgr);
  HPDF_Xref_Add(doc.get()->xref, root);
  HPDF_Dict_AddName(root, "Type", "Outlines");  // replaced by append()
  root_num_ = root->header.obj_id & 0x00FFFFFF;
  HPDF_Dict_Add(doc.get()->catalog, "Outlines", root);
  HPDF_SetPageMode(doc.get(), HPDF_PAGE_MODE_USE_OUTLINE);
  doc.check("cannot add the outline");
}

void OutlineWriter::append(Appendix& app, const std::vector<OutlineEntry>& entries,
                           const std::vector<uint32_t>& pages) const {
  const size_t n = entries.size();
  // Each entry's parent (n: the root), and the entries at the top.
  std::vector<size_t> parent(n, n);
  std::vector<size_t> top;
  std::vector<std::vector<size_t>> kids(n);
  size_t group = n;
  for (size_t i = 0; i < n; ++i) {
    if (entries[i].level == 0 || group == n) {
      if (entries[i].level == 0) group = i;
      top.push_back(i);
    } else {
      parent[i] = group;
      kids[group].push_back(i);
    }
  }
  std::vector<uint32_t> num(n);
  for (size_t i = 0; i < n; ++i) num[i] = app.reserve();
  std::string& pdf = app.pdf();

  app.begin(root_num_);
  pdf += "<</Type /Outlines";
  if (!top.empty()) {
    pdf += " /First ";
    ref(num[top.front()], pdf);
    pdf += " /Last ";
    ref(num[top.back()], pdf);
    pdf += " /Count " + std::to_string(top.size());  // the groups are closed
  }
  pdf += ">>\nendobj\n";

  auto write = [&](const std::vector<size_t>& siblings) {
    for (size_t k = 0; k < siblings.size(); ++k) {
      const size_t i = siblings[k];
      const OutlineEntry& e = entries[i];
      app.begin(num[i]);
      pdf += "<</Title ";
      append_text_string(e.title, pdf);
      pdf += " /Parent ";
      ref(parent[i] == n ? root_num_ : num[parent[i]], pdf);
      if (k > 0) {
        pdf += " /Prev ";
        ref(num[siblings[k - 1]], pdf);
      }
      if (k + 1 < siblings.size()) {
        pdf += " /Next ";
        ref(num[siblings[k + 1]], pdf);
      }
      if (!kids[i].empty()) {
        pdf += " /First ";
        ref(num[kids[i].front()], pdf);
        pdf += " /Last ";
        ref(num[kids[i].back()], pdf);
        // Negative: closed, so that a long digest shows its groups first.
        pdf += " /Count -" + std::to_string(kids[i].size());
      }
      pdf += " /Dest [";
      ref(pages.at(static_cast<size_t>(e.page)), pdf);
      pdf += " /FitH ";
      append_number(e.y, pdf);
      pdf += "]>>\nendobj\n";
    }
  };
  write(top);
  for (size_t i = 0; i < n; ++i) {
    if (!kids[i].empty()) write(kids[i]);
  }
}

}  // namespace gz
