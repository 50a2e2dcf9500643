// Micro-benchmarks of the hot paths (Google Benchmark). Not part of the
// test suite: build target gazette_micro, run by bench/run.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>
#include <vector>

#include "corpus/listing.h"
#include "geo/geo.h"
#include "intl/dates.h"
#include "intl/text.h"
#include "layout/layout.h"
#include "layout/line_breaker.h"
#include "pdf/pdf_writer.h"

namespace {

const char* kBody =
    "Officials from institutions and organizations that make up the cross-border roundtables "
    "and local networks on migration in El Salvador, Guatemala and Honduras participated in a "
    "series of trainings on Border Management and Health. The topics addressed included the "
    "identification and protection of vulnerable migrants in transit and the impact of the "
    "pandemic on the mental health and psychosocial well-being of migrant populations.";

void BM_DateParse(benchmark::State& state) {
  gz::intl::DateParser en("en");
  for (auto _ : state) benchmark::DoNotOptimize(en.parse("23 July, 2021"));
}
BENCHMARK(BM_DateParse);

void BM_DateParseSpanish(benchmark::State& state) {
  gz::intl::DateParser es("es");
  for (auto _ : state) benchmark::DoNotOptimize(es.parse("23 de julio de 2021"));
}
BENCHMARK(BM_DateParseSpanish);

void BM_NormalizeText(benchmark::State& state) {
  std::string text = std::string(kBody) + "  \t " + kBody;
  for (auto _ : state) benchmark::DoNotOptimize(gz::intl::normalize_text(text));
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(text.size()));
}
BENCHMARK(BM_NormalizeText);

void BM_TagBulletin(benchmark::State& state) {
  gz::geo::CountryTagger tagger("en");
  std::vector<std::string> body{kBody};
  for (auto _ : state)
    benchmark::DoNotOptimize(tagger.tag_bulletin("Central American Countries Trained", body));
}
BENCHMARK(BM_TagBulletin);

// Inflected names (Russian) and names inside runs of letters (Chinese).
void BM_TagBulletinRussian(benchmark::State& state) {
  gz::geo::CountryTagger tagger("ru");
  std::vector<std::string> body{
      "Представители учреждений и организаций из Сальвадора, Гватемалы и Гондураса приняли "
      "участие в серии тренингов по управлению границами и здравоохранению. Обсуждались защита "
      "уязвимых мигрантов в пути и влияние пандемии на психическое здоровье мигрантов."};
  for (auto _ : state)
    benchmark::DoNotOptimize(tagger.tag_bulletin("Страны Центральной Америки", body));
}
BENCHMARK(BM_TagBulletinRussian);

void BM_TagBulletinChinese(benchmark::State& state) {
  gz::geo::CountryTagger tagger("zh");
  std::vector<std::string> body{
      "来自萨尔瓦多、危地马拉和洪都拉斯的跨境圆桌会议和地方移民网络的机构和组织官员参加了一系列"
      "关于边境管理和卫生的培训。议题包括识别和保护过境的弱势移民，以及疫情对移民心理健康的影响。"};
  for (auto _ : state)
    benchmark::DoNotOptimize(tagger.tag_bulletin("中美洲国家培训跨境网络", body));
}
BENCHMARK(BM_TagBulletinChinese);

std::string listing(int n) {
  std::string s;
  for (int i = 0; i < n; ++i)
    s += std::to_string(1 + i % 28) + " July, 2021\n\nTitle of bulletin " + std::to_string(i) +
         " in Panama\n\n" + kBody + "\n\n";
  return s;
}

void BM_ParseListing(benchmark::State& state) {
  gz::intl::DateParser en("en");
  std::string text = listing(int(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(gz::parse_listing(text, "bench.txt", "en", en));
  state.SetItemsProcessed(int64_t(state.iterations()) * state.range(0));
}
BENCHMARK(BM_ParseListing)->Arg(1000);

gz::Digest digest(int n) {
  gz::Digest d;
  d.title = "Benchmark digest";
  d.period_text = "July 2021";
  d.regions_text = "Central America";
  d.count_text = std::to_string(n) + " bulletins";
  d.contents_text = "Contents";
  using P = gz::PageNumbers::Piece;
  d.page_numbers.footer = {{P::Text, "Page "}, {P::Page, {}}, {P::Text, " of "}, {P::Pages, {}}};
  for (int g = 0; g < 10; ++g) {
    gz::DigestGroup group;
    group.name = "Country " + std::to_string(g);
    for (int i = 0; i < n / 10; ++i) {
      gz::DigestItem item;
      item.title = "Title of bulletin " + std::to_string(i);
      item.date_text = "July 9, 2021";
      item.countries_text = "Panama";
      item.paragraphs = {kBody};
      group.items.push_back(std::move(item));
    }
    d.groups.push_back(std::move(group));
  }
  return d;
}

const gz::FontSet& fonts() {
  static const gz::FontSet f = gz::FontSet::load(
      {{"NotoSans", GAZETTE_SOURCE_FONT_DIR "/NotoSans-Regular.ttf",
        GAZETTE_SOURCE_FONT_DIR "/NotoSans-Bold.ttf", GAZETTE_SOURCE_FONT_DIR "/NotoSans-Italic.ttf", 0, {}}});
  return f;
}

// Line-break opportunities of a body paragraph without its hyphen (which
// sends a paragraph to ICU): the fast path for plain Latin text (arg 0)
// against ICU's line BreakIterator (arg 1).
void BM_BreakOpportunities(benchmark::State& state) {
  gz::LineBreaker breaker;
  std::vector<gz::BreakOpportunity> out;
  std::string text = kBody;
  std::replace(text.begin(), text.end(), '-', ' ');
  for (auto _ : state) {
    if (state.range(0) == 0) {
      breaker.opportunities(text, out);
    } else {
      breaker.icu_opportunities(text, out);
    }
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(text.size()));
}
BENCHMARK(BM_BreakOpportunities)->Arg(0)->Arg(1);

// Line breaking and measuring of whole digests: layout has no libharu call.
void BM_Layout(benchmark::State& state) {
  gz::Digest d = digest(int(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(gz::layout_digest(d, fonts()));
  state.SetItemsProcessed(int64_t(state.iterations()) * state.range(0));
}
BENCHMARK(BM_Layout)->Arg(1000)->Unit(benchmark::kMillisecond);

// Page emission: libharu from laid-out pages to PDF bytes.
void BM_WritePdf(benchmark::State& state) {
  gz::Digest d = digest(int(state.range(0)));
  gz::LaidOut laid = gz::layout_digest(d, fonts());
  for (auto _ : state)
    benchmark::DoNotOptimize(gz::write_pdf(laid, d, gz::DocumentInfo{}, fonts()));
  state.counters["pages"] = double(laid.pages.size());
}
BENCHMARK(BM_WritePdf)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
