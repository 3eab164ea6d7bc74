/** The planner's Kafka edge: consumers of requests, phase results, deployments and control commands. */
package dev.zdm.planner.messaging;
