// SharedList<T>: a read-mostly list whose copies share one buffer until one
// of them is written. A spec is copied once per variant and per split, and the
// lists every copy keeps unchanged ([regions], [aliases]) would otherwise be
// copied with it: split_by "region" over 10,000 spec regions made 10,000
// copies of 10,000 regions (7.7 GB).
//
// Writes happen while a spec is read, on one thread; copies may then be read
// from any number of threads.
#pragma once

#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

namespace gz {

template <class T>
class SharedList {
 public:
  using value_type = T;
  using const_iterator = typename std::vector<T>::const_iterator;

  const std::vector<T>& items() const {
    static const std::vector<T> none;
    return items_ ? *items_ : none;
  }
  const_iterator begin() const { return items().begin(); }
  const_iterator end() const { return items().end(); }
  size_t size() const { return items().size(); }
  bool empty() const { return items().empty(); }
  const T& operator[](size_t i) const { return items()[i]; }

  template <class... Args>
  T& emplace_back(Args&&... args) {
    return own().emplace_back(std::forward<Args>(args)...);
  }
  void clear() { items_.reset(); }

  // Whether two lists share their items (the same buffer, not equal items).
  bool shares_with(const SharedList& other) const { return items_ == other.items_; }

 private:
  std::vector<T>& own() {
    if (!items_) {
      items_ = std::make_shared<std::vector<T>>();
    } else if (items_.use_count() > 1) {
      items_ = std::make_shared<std::vector<T>>(*items_);
    }
    return *items_;
  }

  std::shared_ptr<std::vector<T>> items_;
};

}  // namespace gz
