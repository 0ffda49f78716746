CREATE TABLE game_scripts (
    name VARCHAR(255) NOT NULL PRIMARY KEY,
    source CLOB NOT NULL,
    version BIGINT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
INSERT INTO game_scripts VALUES ('answer', 'return 43', 1, CURRENT_TIMESTAMP);
