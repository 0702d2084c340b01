using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Lantern.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Referrals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ApiKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Prefix = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    KeyHash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApiKeys_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IdempotencyRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Caller = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RequestHash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ResponseStatus = table.Column<int>(type: "integer", nullable: true),
                    ResponseBody = table.Column<string>(type: "text", nullable: true),
                    ResponseLocation = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdempotencyRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Referrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecisionDueBy = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    SourceAgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReferrerUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ApiKeyId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReferrerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReferrerRole = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ReferrerPhone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ReferrerEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    FromProfessional = table.Column<bool>(type: "boolean", nullable: false),
                    ChildGivenName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ChildFamilyName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ChildKnownAs = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ChildDateOfBirth = table.Column<DateOnly>(type: "date", nullable: true),
                    ChildApproximateAge = table.Column<int>(type: "integer", nullable: true),
                    ChildAddress = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ChildPostcode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    ChildSchool = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ChildNhsNumber = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    ChildUniquePupilNumber = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: true),
                    ChildPoliceReference = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    WhatHappened = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    WhyWorried = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    ConcernsSexualHarmOrExploitation = table.Column<bool>(type: "boolean", nullable: false),
                    FamilyAwareness = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    LawfulBasis = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    DecisionRationale = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Referrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Referrals_Agencies_SourceAgencyId",
                        column: x => x.SourceAgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReferralMentions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReferralId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Detail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferralMentions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReferralMentions_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_AgencyId",
                table: "ApiKeys",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_KeyHash",
                table: "ApiKeys",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IdempotencyRecords_Caller_Key",
                table: "IdempotencyRecords",
                columns: new[] { "Caller", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReferralMentions_ReferralId",
                table: "ReferralMentions",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_Reference",
                table: "Referrals",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ReferrerUserId",
                table: "Referrals",
                column: "ReferrerUserId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_SourceAgencyId",
                table: "Referrals",
                column: "SourceAgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_Status_DecisionDueBy",
                table: "Referrals",
                columns: new[] { "Status", "DecisionDueBy" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiKeys");

            migrationBuilder.DropTable(
                name: "IdempotencyRecords");

            migrationBuilder.DropTable(
                name: "ReferralMentions");

            migrationBuilder.DropTable(
                name: "Referrals");
        }
    }
}
