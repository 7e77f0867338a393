import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { TtlStore } from '../../slack/slack-ports.js';

/**
 * TtlStore on a DynamoDB table with partition key `pk` and TTL attribute `expiresAt` (epoch
 * seconds). `putIfAbsent` is a conditional put, so concurrent deliveries of one event race safely;
 * items past `expiresAt` count as absent even before DynamoDB's TTL sweep deletes them.
 */
export function createDynamoDbTtlStore(options: {
  client: DynamoDBClient;
  tableName: string;
  now?: () => number;
}): TtlStore {
  const nowSeconds = () => Math.floor((options.now ?? Date.now)() / 1000);
  const item = (key: string, value: string, ttlSeconds: number) => ({
    pk: { S: key },
    value: { S: value },
    expiresAt: { N: String(nowSeconds() + ttlSeconds) },
  });
  return {
    async putIfAbsent(key, value, ttlSeconds) {
      try {
        await options.client.send(
          new PutItemCommand({
            TableName: options.tableName,
            Item: item(key, value, ttlSeconds),
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
            ExpressionAttributeValues: { ':now': { N: String(nowSeconds()) } },
          }),
        );
        return true;
      } catch (error) {
        if (
          error instanceof ConditionalCheckFailedException ||
          (error as Error).name === 'ConditionalCheckFailedException'
        )
          return false;
        throw error;
      }
    },
    async get(key) {
      const response = await options.client.send(
        new GetItemCommand({ TableName: options.tableName, Key: { pk: { S: key } }, ConsistentRead: true }),
      );
      const expiresAt = Number(response.Item?.expiresAt?.N ?? 0);
      return response.Item && expiresAt > nowSeconds() ? response.Item.value?.S : undefined;
    },
    async put(key, value, ttlSeconds) {
      await options.client.send(
        new PutItemCommand({ TableName: options.tableName, Item: item(key, value, ttlSeconds) }),
      );
    },
    async delete(key) {
      await options.client.send(
        new DeleteItemCommand({ TableName: options.tableName, Key: { pk: { S: key } } }),
      );
    },
  };
}
