// The peer of geokg's benchmarks: the Neo4j GraphQL Library (@neo4j/graphql
// 7) with Apollo Server, serving type definitions equivalent to geokg's for
// the five benchmark queries, over the same Neo4j and data. What the
// library generates itself (filters, sorting, nested relationship fields)
// it does; what needs domain logic (a state's officials on the day,
// neighbourhoods, timelines) is @cypher, as the library's users write it.
//
// Environment: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD; PEER_PORT (default
// 4000). Listens on 127.0.0.1 only. Prints "peer: ready URL" once serving.
// PEER_PRINT_SCHEMA=1 prints the generated schema and exits.
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import { printSchema } from "graphql";
import neo4j from "neo4j-driver";
import { readFileSync } from "node:fs";

const typeDefs = readFileSync(new URL("./schema.graphql", import.meta.url), "utf8");

const driver = neo4j.driver(
    process.env.NEO4J_URI || "bolt://127.0.0.1:7687",
    neo4j.auth.basic(process.env.NEO4J_USER || "neo4j", process.env.NEO4J_PASSWORD || ""),
    { maxConnectionPoolSize: 100 }
);

const neoSchema = new Neo4jGraphQL({ typeDefs, driver });
const schema = await neoSchema.getSchema();
if (process.env.PEER_PRINT_SCHEMA) {
    console.log(printSchema(schema));
    await driver.close();
    process.exit(0);
}

const server = new ApolloServer({ schema, introspection: false });
const port = Number(process.env.PEER_PORT || 4000);
const { url } = await startStandaloneServer(server, { listen: { host: "127.0.0.1", port } });
console.log(`peer: ready ${url}`);

for (const sig of ["SIGTERM", "SIGINT"]) {
    process.on(sig, async () => {
        await server.stop();
        await driver.close();
        process.exit(0);
    });
}
