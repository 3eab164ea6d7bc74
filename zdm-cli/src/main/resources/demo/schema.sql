CREATE TABLE users (
    id           bigserial PRIMARY KEY,
    email        varchar(255) NOT NULL,
    first_name   text,
    last_name    text,
    phone        text,
    legacy_field text,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE orders (
    id          bigserial PRIMARY KEY,
    user_id     bigint NOT NULL,
    user_email  varchar(255),
    price       numeric(10, 2),
    created_at  timestamptz NOT NULL DEFAULT now()
);
