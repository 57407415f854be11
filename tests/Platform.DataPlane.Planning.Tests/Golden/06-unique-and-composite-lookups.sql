-- userByEmail
select to_json((
    select json_build_object('id', __user_1."id", 'displayName', __user_1."display_name", 'biography', __user_1."bio", 'score', (__user_1."score")::text, 'balance', (__user_1."balance")::text, 'settings', nullif(regexp_replace((__user_1."settings")::text, '("(?:[^"\\]|\\.)*")|\s+', '\1', 'g'), 'null'), 'tags', __user_1."tags", 'birthday', __user_1."birthday", 'wakeUp', __user_1."wake_up", 'eventCount', ("public"."user_event_count"(__user_1))::text, 'profileByUserId', (
        select json_build_object('website', __profile_2."website")
        from "public"."profile" as __profile_2
        where __profile_2."user_id" = __user_1."id"))
    from "public"."user" as __user_1
    where __user_1."email" = $1::text));
-- $1 = ConstantParameter { Text = user3@example.com }

-- membershipByGroupIdAndUserId
select to_json((
    select json_build_object('role', __membership_1."role", 'joinedAt', __membership_1."joined_at")
    from "public"."membership" as __membership_1
    where __membership_1."group_id" = $1::integer and __membership_1."user_id" = $2::uuid));
-- $1 = ConstantParameter { Text = 3 }
-- $2 = ConstantParameter { Text = 00000000-0000-0000-0000-000000000002 }

