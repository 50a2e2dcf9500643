#define BOOST_TEST_MODULE gazette
#include <boost/test/unit_test.hpp>
