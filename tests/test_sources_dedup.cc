// A bulletin that two sources share appears once.
#include <boost/test/unit_test.hpp>

#include "corpus/sources.h"

using namespace gz;

namespace {

Bulletin bulletin(const char* date, const char* title, const char* url = "") {
  Bulletin b;
  b.date = *Date::parse_iso(date);
  b.title = title;
  b.url = url;
  return b;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(duplicates)

BOOST_AUTO_TEST_CASE(same_url_or_same_date_and_title_appear_once_first_kept) {
  std::vector<Bulletin> bs{
      bulletin("2021-07-20", "Panamá refuerza la lucha", "https://x.org/a"),
      bulletin("2021-07-21", "Other title", "http://X.ORG/a/#top"),  // same URL
      bulletin("2021-07-20", "PANAMA REFUERZA LA LUCHA"),            // same day and title
      bulletin("2021-07-22", "Panamá refuerza la lucha"),            // another day
      bulletin("2021-07-22", "Different", "https://x.org/A"),        // paths keep their case
  };
  bs[2].lang = "es";
  drop_duplicates(bs);
  BOOST_REQUIRE(bs.size() == 3u);
  BOOST_TEST(bs[0].url == "https://x.org/a");
  BOOST_TEST(bs[1].date.iso() == "2021-07-22");
  BOOST_TEST(bs[2].url == "https://x.org/A");
}

BOOST_AUTO_TEST_SUITE_END()
