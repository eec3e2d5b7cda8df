#pragma once

#include "corolint/rt/cancelled.h"
#include "corolint/rt/join_handle.h"
#include "corolint/rt/join_set.h"
#include "corolint/rt/runtime.h"
#include "corolint/rt/spawn.h"
#include "corolint/rt/task.h"
#include "corolint/rt/unhandled_exception_handler.h"
#include "corolint/rt/waker.h"
#include "corolint/rt/yield_now.h"
