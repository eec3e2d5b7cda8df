#include "task.h"

int counter = 0;

Task counts() {
  ++counter;
  co_await Yield{};
}
