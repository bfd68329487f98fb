# StageSync image: build the fat jar with Maven, then run it on a JRE 17 as the long-running jobs service.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
# dependencies first, so that a source change does not download them again
RUN mvn -B -q dependency:go-offline || true
COPY src src
COPY routes routes
COPY application.properties .
RUN mvn -B -q -Dmaven.test.skip=true package

FROM eclipse-temurin:17-jre
WORKDIR /app
RUN useradd --system --uid 10001 --home-dir /app stagesync \
 && mkdir -p /app/data \
 && chown stagesync /app/data
COPY --from=build /src/target/stagesync.jar /app/stagesync.jar
# the working directory's routes/ and application.properties are the ones StageSync loads; mount over them to customise
COPY routes /app/routes
COPY migrations /app/migrations
COPY application.properties /app/application.properties
USER stagesync
# inside the container the service must listen on every interface to be reachable through the published port
# (outside Docker it listens on 127.0.0.1 unless told otherwise)
ENV STAGESYNC_SERVER_HOST=0.0.0.0
# the state store's default H2 file lives here
VOLUME /app/data
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/stagesync.jar"]
CMD ["serve"]
