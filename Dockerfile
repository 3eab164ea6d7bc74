# One image for the four services; docker-compose.yml picks the service by its main class.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -ntp -DskipTests install

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/zdm-cli/target/zdm.jar /app/zdm.jar
COPY --from=build /src/zdm-cli/target/lib /app/lib
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-cp", "/app/zdm.jar:/app/lib/*"]
CMD ["dev.zdm.cli.Zdm", "--help"]
