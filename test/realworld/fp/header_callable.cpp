#include "lib/executor.h"
#include <chrono>
#include <thread>
result<int> work(executor& ex) {
  return ex.submit([] { std::this_thread::sleep_for(std::chrono::milliseconds(350)); return 1; });
}
