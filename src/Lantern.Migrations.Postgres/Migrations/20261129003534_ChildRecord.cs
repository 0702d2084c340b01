using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Lantern.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ChildRecord : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ChildId",
                table: "Referrals",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ChildAlerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ChildId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ClearedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChildAlerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Children",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GivenName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FamilyName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    KnownAs = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    DateOfBirth = table.Column<DateOnly>(type: "date", nullable: true),
                    EstimatedAge = table.Column<int>(type: "integer", nullable: true),
                    EstimatedAgeOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Gender = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Ethnicity = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    NhsNumber = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    UniquePupilNumber = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: true),
                    PoliceReference = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    School = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LookedAfter = table.Column<bool>(type: "boolean", nullable: false),
                    ChildProtectionPlan = table.Column<bool>(type: "boolean", nullable: false),
                    ChildInNeed = table.Column<bool>(type: "boolean", nullable: false),
                    LevelOfConcern = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    ScreeningRequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Children", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ChildAddresses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ChildId = table.Column<Guid>(type: "uuid", nullable: false),
                    Address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Postcode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    From = table.Column<DateOnly>(type: "date", nullable: true),
                    To = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChildAddresses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChildAddresses_Children_ChildId",
                        column: x => x.ChildId,
                        principalTable: "Children",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ChildRelationships",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ChildId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    LivesWithChild = table.Column<bool>(type: "boolean", nullable: false),
                    Contact = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChildRelationships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChildRelationships_Children_ChildId",
                        column: x => x.ChildId,
                        principalTable: "Children",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ChildVulnerabilities",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ChildId = table.Column<Guid>(type: "uuid", nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChildVulnerabilities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChildVulnerabilities_Children_ChildId",
                        column: x => x.ChildId,
                        principalTable: "Children",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ChronologyEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ChildId = table.Column<Guid>(type: "uuid", nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SourceAgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Author = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AuthorUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ApiKeyId = table.Column<Guid>(type: "uuid", nullable: true),
                    Type = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Summary = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    Significance = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SupersedesId = table.Column<Guid>(type: "uuid", nullable: true),
                    SupersededById = table.Column<Guid>(type: "uuid", nullable: true),
                    CorrectionReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    SourceRecord = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChronologyEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChronologyEntries_Agencies_SourceAgencyId",
                        column: x => x.SourceAgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ChronologyEntries_Children_ChildId",
                        column: x => x.ChildId,
                        principalTable: "Children",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Involvements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ChildId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: true),
                    PractitionerId = table.Column<Guid>(type: "uuid", nullable: true),
                    Role = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContactPhone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ContactEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    EndReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Involvements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Involvements_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Involvements_AspNetUsers_PractitionerId",
                        column: x => x.PractitionerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Involvements_Children_ChildId",
                        column: x => x.ChildId,
                        principalTable: "Children",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Involvements_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MissingEpisodes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ChildId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    MissingFrom = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReportedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedByAgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ApiKeyId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RiskGrading = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ReturnedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FoundWhere = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    FoundWith = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    SafeAndWellCheckAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    InterviewDueBy = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    InterviewStatus = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    InterviewUpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    InterviewReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    PushFactors = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    PullFactors = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    InterviewFindings = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    ChronologyEntryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MissingEpisodes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MissingEpisodes_Children_ChildId",
                        column: x => x.ChildId,
                        principalTable: "Children",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ChronologyLinks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EntryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Detail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChronologyLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChronologyLinks_ChronologyEntries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "ChronologyEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ChildId",
                table: "Referrals",
                column: "ChildId");

            migrationBuilder.CreateIndex(
                name: "IX_ChildAddresses_ChildId",
                table: "ChildAddresses",
                column: "ChildId");

            migrationBuilder.CreateIndex(
                name: "IX_ChildAlerts_ChildId",
                table: "ChildAlerts",
                column: "ChildId");

            migrationBuilder.CreateIndex(
                name: "IX_ChildRelationships_ChildId",
                table: "ChildRelationships",
                column: "ChildId");

            migrationBuilder.CreateIndex(
                name: "IX_Children_DateOfBirth",
                table: "Children",
                column: "DateOfBirth");

            migrationBuilder.CreateIndex(
                name: "IX_Children_FamilyName_GivenName",
                table: "Children",
                columns: new[] { "FamilyName", "GivenName" });

            migrationBuilder.CreateIndex(
                name: "IX_Children_NhsNumber",
                table: "Children",
                column: "NhsNumber");

            migrationBuilder.CreateIndex(
                name: "IX_ChildVulnerabilities_ChildId",
                table: "ChildVulnerabilities",
                column: "ChildId");

            migrationBuilder.CreateIndex(
                name: "IX_ChronologyEntries_ChildId_OccurredAt",
                table: "ChronologyEntries",
                columns: new[] { "ChildId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ChronologyEntries_SourceAgencyId",
                table: "ChronologyEntries",
                column: "SourceAgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_ChronologyLinks_EntryId",
                table: "ChronologyLinks",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_ChronologyLinks_Kind_Value",
                table: "ChronologyLinks",
                columns: new[] { "Kind", "Value" });

            migrationBuilder.CreateIndex(
                name: "IX_Involvements_AgencyId",
                table: "Involvements",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_Involvements_ChildId_EndedAt",
                table: "Involvements",
                columns: new[] { "ChildId", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Involvements_PractitionerId_EndedAt",
                table: "Involvements",
                columns: new[] { "PractitionerId", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Involvements_TeamId_EndedAt",
                table: "Involvements",
                columns: new[] { "TeamId", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_MissingEpisodes_ChildId_MissingFrom",
                table: "MissingEpisodes",
                columns: new[] { "ChildId", "MissingFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_MissingEpisodes_InterviewStatus_InterviewDueBy",
                table: "MissingEpisodes",
                columns: new[] { "InterviewStatus", "InterviewDueBy" });

            migrationBuilder.CreateIndex(
                name: "IX_MissingEpisodes_Reference",
                table: "MissingEpisodes",
                column: "Reference",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Referrals_Children_ChildId",
                table: "Referrals",
                column: "ChildId",
                principalTable: "Children",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Referrals_Children_ChildId",
                table: "Referrals");

            migrationBuilder.DropTable(
                name: "ChildAddresses");

            migrationBuilder.DropTable(
                name: "ChildAlerts");

            migrationBuilder.DropTable(
                name: "ChildRelationships");

            migrationBuilder.DropTable(
                name: "ChildVulnerabilities");

            migrationBuilder.DropTable(
                name: "ChronologyLinks");

            migrationBuilder.DropTable(
                name: "Involvements");

            migrationBuilder.DropTable(
                name: "MissingEpisodes");

            migrationBuilder.DropTable(
                name: "ChronologyEntries");

            migrationBuilder.DropTable(
                name: "Children");

            migrationBuilder.DropIndex(
                name: "IX_Referrals_ChildId",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "ChildId",
                table: "Referrals");
        }
    }
}
