/**
 * Checks: each one class comparing one kind of reading with its threshold, deciding nothing
 * beyond "this reading, against this threshold". {@link dev.zdm.monitor.breaker.BreakerPolicy}
 * lists them explicitly and turns their measurements into one decision. Checks are pure and
 * stateless; a threshold of 0 switches a check off (it then measures nothing).
 */
package dev.zdm.monitor.breaker.check;
